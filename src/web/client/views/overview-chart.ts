import { svg, h, uid } from '../dom.js';
import { drawingMax, isZeroAmount, ratioOf } from '../format.js';
import { figureLabel, t } from '../i18n/index.js';
import { figuresIn } from '../../../../projections/figures.js';
import { money } from '../ui.js';
import type { YearData } from './overview.js';

const CHART_FIGURES = figuresIn('overviewChart');

/**
 * A horizontal bar chart: per figure one bar per year, on one scale. Every bar carries
 * its year and its amount as text, so nothing depends on colour. The chart is named,
 * and says which table holds its figures. It scales to its box (`viewBox`), so six years
 * fit the width of a narrow column as well as a wide one.
 */
export function chart(data: YearData[], tableCaption: string): HTMLElement {
  const max = drawingMax(data.flatMap((item) => CHART_FIGURES.map((figure) => item.frame.figures[figure])));
  const layout = { label: 178, year: 46, bars: 270, value: 118, bar: 15, gap: 3, groupGap: 13, top: 4 };
  const groupHeight = data.length * (layout.bar + layout.gap) - layout.gap;
  const width = layout.label + layout.year + layout.bars + layout.value;
  const height = layout.top + CHART_FIGURES.length * (groupHeight + layout.groupGap);
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  const description = data
    .map(
      (item) => `${item.year}: ${CHART_FIGURES.map((figure) => `${figureLabel(figure)} ${money(item.frame.figures[figure])}`).join(', ')}`,
    )
    .join('. ');
  return h(
    'figure',
    { class: 'chart', 'aria-labelledby': `${titleId}-caption` },
    h('figcaption', { class: 'chart-caption', id: `${titleId}-caption` }, t('chartHeading')),
    svg(
      'svg',
      {
        viewBox: `0 0 ${width} ${height}`,
        role: 'img',
        'aria-labelledby': `${titleId} ${descId}`,
        class: 'bar-chart',
        preserveAspectRatio: 'xMinYMin meet',
      },
      svg('title', { id: titleId }, t('chartTitle')),
      svg('desc', { id: descId }, `${description}. ${t('chartDesc')}`),
      ...CHART_FIGURES.map((figure, index) =>
        barGroup(data, figure, layout.top + index * (groupHeight + layout.groupGap), groupHeight, max, layout),
      ),
    ),
    h('p', { class: 'chart-note' }, t('chartTableNote', { caption: tableCaption })),
  );
}

function barGroup(
  data: YearData[],
  figure: string,
  y0: number,
  groupHeight: number,
  max: number,
  layout: { label: number; year: number; bars: number; bar: number; gap: number },
): SVGElement {
  const axis = layout.label + layout.year;
  return svg(
    'g',
    { class: `bar bar-${figure}` },
    svg('text', { x: layout.label - 10, y: y0 + groupHeight / 2 + 5, 'text-anchor': 'end', class: 'bar-label' }, figureLabel(figure)),
    svg('line', { x1: axis, y1: y0 - 2, x2: axis, y2: y0 + groupHeight + 2, class: 'axis' }),
    ...data.map((item, yearIndex) => {
      const amount = item.frame.figures[figure];
      const y = y0 + yearIndex * (layout.bar + layout.gap);
      const barWidth = Math.max(ratioOf(amount, max) * layout.bars, isZeroAmount(amount) ? 0 : 2);
      return svg(
        'g',
        { class: `bar-year-${item.year}` },
        svg('text', { x: axis - 6, y: y + layout.bar - 3, 'text-anchor': 'end', class: 'bar-year' }, String(item.year)),
        svg('rect', {
          x: axis,
          y,
          width: barWidth.toFixed(1),
          height: layout.bar,
          class: yearIndex === data.length - 1 ? 'bar-latest' : 'bar-earlier',
        }),
        svg('text', { x: axis + barWidth + 6, y: y + layout.bar - 3, class: 'bar-value' }, money(amount)),
      );
    }),
  );
}
