import { useCallback, useEffect, useRef, useState } from 'react';

export type FrameDevice = 'desktop' | 'mobile';
const WIDTH: Record<FrameDevice, number> = { desktop: 640, mobile: 375 };

export interface Pin {
  /** The section id the comment points at ("headline", "photo-1"...). */
  section: string;
  /** The number shown on the marker, matching the comment list. */
  n: number;
}

interface EmailFrameProps {
  html: string;
  device: FrameDevice;
  title: string;
  pins?: Pin[];
}

/**
 * The email in a sandboxed frame (no scripts), as tall as its content, with numbered markers beside
 * the parts comments point at. allow-same-origin only lets this page measure the email.
 */
export function EmailFrame({ html, device, title, pins = [] }: EmailFrameProps) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(900);
  const [tops, setTops] = useState<Record<string, number>>({});

  const measure = useCallback(() => {
    const doc = ref.current?.contentDocument;
    if (!doc?.documentElement) return;
    setHeight(Math.min(Math.max(doc.documentElement.scrollHeight, 300), 8000));
    const found: Record<string, number> = {};
    for (const pin of pins) {
      const el = doc.querySelector<HTMLElement>(`.s-${CSS.escape(pin.section)}`);
      if (el) found[pin.section] = el.getBoundingClientRect().top + (doc.defaultView?.scrollY ?? 0);
    }
    setTops(found);
  }, [pins]);

  useEffect(() => {
    const handle = requestAnimationFrame(measure);
    return () => cancelAnimationFrame(handle);
  }, [device, html, measure]);

  const stacked: Record<string, number> = {};
  return (
    // The stage scrolls sideways on narrow screens, so it must be reachable by keyboard.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="frame-stage pinned-stage" tabIndex={0} role="region" aria-label={`${title} at ${device} width`}>
      <div className={`pinned-frame pinned-${device}`} style={{ width: WIDTH[device] }}>
        <iframe
          ref={ref}
          title={title}
          sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
          srcDoc={html}
          width={WIDTH[device]}
          height={height}
          onLoad={measure}
          className={`frame-${device}`}
          style={{ width: WIDTH[device] }}
        />
        {pins.map((pin) => {
          const top = tops[pin.section];
          if (top === undefined) return null;
          const offset = (stacked[pin.section] = (stacked[pin.section] ?? -1) + 1);
          return (
            <span key={pin.n} className="pin" aria-hidden="true" style={{ top: top + 4, left: 4 + offset * 30 }} data-section={pin.section}>
              {pin.n}
            </span>
          );
        })}
      </div>
    </div>
  );
}
