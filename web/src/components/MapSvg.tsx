import type { ReactNode } from 'react';
import { useResource } from '../hooks.ts';
import { Show } from './Status.tsx';

/**
 * The server's choropleth (GET /api/indicators/:id/map.svg) placed inline, so it scales with the
 * page and keeps its own titles for screen readers. The SVG is the server's own output (no user
 * text); anything that is not a plain <svg> document is refused rather than injected.
 */
export function MapSvg({ indicator, title }: { indicator: string; title: string }): ReactNode {
  const [svg, reload] = useResource<string>(`/api/indicators/${encodeURIComponent(indicator)}/map.svg`, 'text');
  return (
    <figure className="map" aria-label={title}>
      <Show res={svg} what="the map" retry={reload}>
        {(text) =>
          isPlainSvg(text) ? (
            <div className="map-canvas" role="img" aria-label={title} dangerouslySetInnerHTML={{ __html: text.slice(text.indexOf('<svg')) }} />
          ) : (
            <p className="status status-error" role="alert">The map could not be shown (the server did not send an SVG image).</p>
          )
        }
      </Show>
    </figure>
  );
}

function isPlainSvg(text: string): boolean {
  return text.includes('<svg') && !/<script|<foreignObject|\son\w+\s*=/i.test(text);
}
