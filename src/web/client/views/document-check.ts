import { verifyDocumentFile, type DocumentVerification } from '../api.js';
import { h, uid } from '../dom.js';
import { formatDate } from '../../../shared/format.js';
import { button, resultRegion, showProblem, showResult, submitting } from '../forms.js';
import { t } from '../i18n/index.js';
import { badge, money, nb, noticeBox, pageHeading, section, table, type Ctx } from '../ui.js';

/**
 * An auditor's check of a document the ledger wrote (the allocation table as CSV,
 * spreadsheet or printable HTML, the case summary, the grants in the 360Giving standard):
 * the file is sent as it is, the ledger rebuilds the document from the log at the position
 * it names, and the page lists every figure — in the document, in the log, and whether
 * they match.
 */

type Check = DocumentVerification['figures'][number];

/** An amount as the file or the log states it: none stated, absent, or the amount. */
function amountCell(present: boolean, amount: string | null | undefined): HTMLElement {
  if (!present) return h('span', { class: 'muted' }, t('checkAbsent'));
  if (amount === null || amount === undefined) return h('span', { class: 'muted' }, t('noAmount'));
  return h('span', { class: 'amount' }, /^-?\d+(\.\d{1,2})?$/.test(amount) ? money(amount) : `«${amount}»`);
}

function figuresTable(answer: DocumentVerification): HTMLElement {
  const row = (check: Check) =>
    h(
      'tr',
      { 'data-key': check.key, 'data-matches': String(check.matches), class: check.matches ? '' : 'mismatch' },
      h('th', { scope: 'row' }, nb(check.label), h('span', { class: 'sub' }, check.key)),
      h('td', { class: 'num' }, amountCell('inFile' in check, check.inFile)),
      h('td', { class: 'num' }, amountCell('inLedger' in check, check.inLedger)),
      h('td', null, check.matches ? badge('done', t('checkSame')) : badge('warning', t('checkDifferent'))),
    );
  return table(
    t('checkCaption', { count: answer.figures.length }),
    h(
      'tr',
      null,
      h('th', { scope: 'col' }, t('checkFigureColumn')),
      h('th', { scope: 'col', class: 'num' }, t('checkInFileColumn')),
      h('th', { scope: 'col', class: 'num' }, t('checkInLogColumn')),
      h('th', { scope: 'col' }, t('checkMatchColumn')),
    ),
    // The figures that differ first: what the reader looks for.
    [...answer.figures.filter((check) => !check.matches), ...answer.figures.filter((check) => check.matches)].map(row),
    undefined,
    { className: 'check-table', id: 'check-table' },
  );
}

/** The answer: whether the document matches, where in the log it was built from, and every figure. */
function answerOf(answer: DocumentVerification, fileName: string): Node[] {
  const differing = answer.figures.filter((check) => !check.matches).length;
  const where = t('checkSource', {
    file: fileName,
    position: answer.source.position,
    date: formatDate(answer.source.asOfDate),
  });
  const verdict = answer.logProblem
    ? noticeBox(t('checkLogProblem', { problem: answer.logProblem }), 'warning')
    : answer.matches
      ? noticeBox(t('checkMatches', { count: answer.checked }), 'success')
      : noticeBox(t('checkDiffers', { count: differing, total: answer.figures.length }), 'warning');
  verdict.id = 'check-verdict';
  return [
    verdict,
    h('p', { id: 'check-source' }, where),
    answer.laterEventsByDate > 0
      ? h('p', null, t('checkLater', { count: answer.laterEventsByDate, date: formatDate(answer.source.asOfDate) }))
      : null,
    figuresTable(answer),
  ].filter((node): node is HTMLElement => node !== null);
}

export async function documentCheckView(ctx: Ctx): Promise<Node[]> {
  const inputId = uid('document-file');
  const input = h('input', {
    type: 'file',
    id: inputId,
    name: 'document',
    accept:
      '.csv,.xlsx,.html,.htm,.json,text/csv,text/html,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'aria-describedby': `${inputId}-hint`,
  });
  const drop = h('div', { class: 'drop-zone', id: 'drop-zone' }, h('span', { 'aria-hidden': 'true' }, '⤓ '), t('checkDrop'));
  const region = resultRegion();
  const submit = button(t('checkSubmit'), { attrs: { id: 'check-submit' } });
  const answer = h('div', { id: 'check-answer' });
  const form = h(
    'form',
    { class: 'check-form', id: 'check-form', novalidate: true },
    h(
      'div',
      { class: 'field' },
      h('label', { for: inputId }, t('checkFileLabel')),
      h('p', { class: 'hint', id: `${inputId}-hint` }, t('checkFileHint')),
      input,
    ),
    drop,
    region,
    h('div', { class: 'actions' }, submit),
  );
  const check = (file: File | undefined) => {
    if (!file) {
      showResult(region, 'error', h('p', null, t('checkNoFile')));
      input.focus();
      return;
    }
    void submitting(submit, region, async () => {
      try {
        const verification = await verifyDocumentFile(file);
        showResult(region, 'success', h('p', null, t('checkDone', { file: file.name })));
        answer.replaceChildren(...answerOf(verification, file.name));
        document.getElementById('check-verdict')?.setAttribute('tabindex', '-1');
        document.getElementById('check-verdict')?.focus();
      } catch (error: unknown) {
        answer.replaceChildren();
        showProblem(region, error, form);
      }
    });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    check(input.files?.[0]);
  });
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('drop-over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('drop-over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('drop-over');
    check(event.dataTransfer?.files[0]);
  });
  return [...pageHeading(ctx, t('checkTitle'), t('checkIntro')), section(t('checkFormHeading'), form), answer];
}
