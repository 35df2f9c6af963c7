// The side panel: critique, round history and the best-of-N gallery. Model text
// is only ever set as textContent; drafts are only ever shown through <img>.
import type { CandidateView, CritiqueView, RoundView } from '../src/shared/previewProtocol';
import { pngDataUri, svgDataUri } from './encode';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function thumbnail(svg: string | undefined, png: string | undefined, alt: string): HTMLImageElement {
  const img = el('img', 'thumb');
  img.alt = alt;
  img.draggable = false;
  const src = png !== undefined ? pngDataUri(png) : svg !== undefined ? svgDataUri(svg) : undefined;
  if (src) img.src = src;
  return img;
}

const scoreText = (score: number | undefined): string => (score === undefined ? '–' : `${Math.round(score * 10) / 10}/10`);

export class SidePanels {
  constructor(
    private readonly side: HTMLElement,
    private readonly critiqueSection: HTMLElement,
    private readonly roundsSection: HTMLElement,
    private readonly candidatesSection: HTMLElement,
    private readonly onChoose: (index: number) => void,
  ) {}

  showCritique(c: CritiqueView | null): void {
    const body = this.critiqueSection.querySelector('.body') as HTMLElement;
    body.replaceChildren();
    this.critiqueSection.hidden = !c;
    if (c) {
      const score = el('div', 'score', scoreText(c.score));
      score.setAttribute('aria-label', `Score ${scoreText(c.score)}`);
      body.append(score);
      if (c.critique) body.append(el('p', 'critique', c.critique));
      if (c.suggestions?.length) {
        body.append(el('h3', undefined, 'Suggestions'));
        const ul = el('ul', 'suggestions');
        for (const s of c.suggestions) ul.append(el('li', undefined, s));
        body.append(ul);
      }
      if (c.rationale) {
        const details = el('details', 'rationale');
        details.append(el('summary', undefined, 'Rationale'), el('p', undefined, c.rationale));
        body.append(details);
      }
    }
    this.refresh();
  }

  showRounds(rounds: readonly RoundView[]): void {
    const list = this.roundsSection.querySelector('ol') as HTMLOListElement;
    list.replaceChildren();
    for (const r of rounds) {
      const li = el('li', 'round');
      const label = `Round ${r.round}${r.label ? ` · ${r.label}` : ''}`;
      li.append(thumbnail(r.svg, r.pngBase64, label), el('span', 'round-label', label), el('span', 'round-score', scoreText(r.score)));
      list.append(li);
    }
    this.roundsSection.hidden = rounds.length === 0;
    this.refresh();
  }

  showCandidates(candidates: readonly CandidateView[]): void {
    const grid = this.candidatesSection.querySelector('.gallery') as HTMLElement;
    grid.replaceChildren();
    for (const c of candidates) {
      const label = c.label ?? `Candidate ${c.index + 1}`;
      const button = el('button', 'candidate');
      button.type = 'button';
      button.dataset.index = String(c.index);
      button.setAttribute('aria-label', `Use ${label}, score ${scoreText(c.score)}`);
      button.title = `Replace the generated SVG with ${label}`;
      button.append(thumbnail(c.svg, undefined, label), el('span', 'candidate-label', label), el('span', 'candidate-score', scoreText(c.score)));
      button.addEventListener('click', () => this.onChoose(c.index));
      grid.append(button);
    }
    this.candidatesSection.hidden = candidates.length === 0;
    this.refresh();
  }

  private refresh(): void {
    this.side.hidden = this.critiqueSection.hidden && this.roundsSection.hidden && this.candidatesSection.hidden;
  }
}
