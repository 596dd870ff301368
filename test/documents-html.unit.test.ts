import { describe, expect, it } from 'vitest';
import { amountCell, joinHtml, markup } from '../src/documents/html.js';

/** The documents' HTML escapes what it is given by default: a name is text, never markup. */

describe('the markup of the printable documents', () => {
  it('prints a name with markup characters as text, in content and in attributes', () => {
    const name = `Barn & unge <script>alert("x")</script> O'Neill`;
    expect(markup`<th scope="row" title="${name}">${name}</th>`.text).toBe(
      '<th scope="row" title="Barn &amp; unge &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Neill">' +
        'Barn &amp; unge &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Neill</th>',
    );
  });

  it('keeps safe markup as it is, escapes the text in a list, and joins with an escaped separator', () => {
    const cells = [amountCell('total|granted|2025', '1000000.00'), '<b>', 2025];
    expect(markup`<tr>${cells}</tr>`.text).toBe(
      '<tr><td class="num" data-figure="total|granted|2025">kr\u00a01\u00a0000\u00a0000</td>&lt;b&gt;2025</tr>',
    );
    expect(joinHtml([markup`<li>a</li>`, 'b & c'], ' & ').text).toBe('<li>a</li> &amp; b &amp; c');
  });
});
