/**
 * Sections → one self-contained HTML document:
 *
 *   sections → check ids → contents (nav) → <section>s with h2/h3/h4 → masthead + style + footer
 *
 * Everything is inline (style, SVG); a Content-Security-Policy forbids the page to load anything,
 * so it opens the same offline, from a USB stick, or attached to an e-mail.
 */
import { html, joinHtml, trusted, type Html, type HtmlValue } from './html.ts';
import type { ReportSection } from './section.ts';
import { REPORT_CSS } from './styles.ts';

export interface ReportDocumentOptions {
  readonly title: string;
  readonly subtitle?: string;
  /** Facts shown under the title: generated date, snapshot, software. */
  readonly meta?: readonly { readonly label: string; readonly value: string }[];
  /** A short warning beside the title, e.g. "Synthetic data". */
  readonly badge?: string;
  /** Lines of the colophon at the foot of the page. */
  readonly colophon?: readonly HtmlValue[];
  /** `generator` meta tag, e.g. "Vindex 0.1.0". */
  readonly generator?: string;
  readonly lang?: string;
}

const ID = /^[a-z][a-z0-9-]*$/;

/** Section ids must be valid, unique fragment identifiers; anything else is a programming error. */
function checkIds(sections: readonly ReportSection[], seen = new Set<string>()): void {
  for (const s of sections) {
    if (!ID.test(s.id)) throw new Error(`report section id ${JSON.stringify(s.id)} must match ${ID}`);
    if (seen.has(s.id)) throw new Error(`report section id ${JSON.stringify(s.id)} is used twice`);
    seen.add(s.id);
    checkIds(s.subsections ?? [], seen);
  }
}

function contents(sections: readonly ReportSection[], depth: number): Html | '' {
  const listed = sections.filter((s) => s.inContents !== false);
  if (listed.length === 0) return '';
  const items = listed.map((s) => html`<li><a href="#${s.id}">${s.title}</a>${depth < 2 ? contents(s.subsections ?? [], depth + 1) : ''}</li>`);
  return html`<ol>${items}</ol>`;
}

function renderSection(s: ReportSection, level: number): Html {
  const h = `h${Math.min(level, 6)}`;
  const heading = html`<${h} id="${s.id}-title">${s.title}</${h}>`;
  const children = (s.subsections ?? []).map((c) => renderSection(c, level + 1));
  return html`<section id="${s.id}" aria-labelledby="${s.id}-title">
${heading}
${s.body}
${children}</section>
`;
}

/** The complete HTML document of the given sections, in order. Deterministic: no clock, no randomness. */
export function renderReport(sections: readonly ReportSection[], options: ReportDocumentOptions): string {
  checkIds(sections);
  const meta = (options.meta ?? []).map((m) => html`<div><dt>${m.label}</dt><dd>${m.value}</dd></div>`);
  const doc = html`<!DOCTYPE html>
<html lang="${options.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
${options.generator ? html`<meta name="generator" content="${options.generator}">\n` : ''}<title>${options.title}</title>
<style>${trusted(REPORT_CSS)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="masthead">
<div class="wrap">
<p class="kicker">Vindex · statistical report</p>
<h1>${options.title}${options.badge ? html`<span class="badge">${options.badge}</span>` : ''}</h1>
${options.subtitle ? html`<p class="subtitle">${options.subtitle}</p>` : ''}
${meta.length ? html`<dl class="meta">${meta}</dl>` : ''}
</div>
</header>
<main id="main" class="wrap">
<nav class="contents" aria-labelledby="contents-title">
<h2 id="contents-title">Contents</h2>
${contents(sections, 1)}
</nav>
${sections.map((s) => renderSection(s, 2))}</main>
<footer class="colophon">
<div class="wrap">
${joinHtml((options.colophon ?? []).map((line) => html`<p>${line}</p>`), '\n')}
</div>
</footer>
</body>
</html>
`;
  return doc.value;
}
