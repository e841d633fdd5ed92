/**
 * The response headers that tell browsers what a Byline page may do: a strict
 * Content-Security-Policy (scripts and styles from our own files only), no framing, a
 * Referrer-Policy, a Permissions-Policy, and HSTS when the request came over HTTPS.
 * See docs/decisions/012-security-headers.md.
 */
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Express, RequestHandler } from 'express';
import helmet from 'helmet';

/** The whole site's policy: one for every page, so a cached page carries the same one as a fresh page. */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  // Our own files under /js/ only: no inline script, no eval. The JSON-LD block is data, not script.
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // Our own stylesheets only; style="" attributes are refused too.
  'style-src': ["'self'"],
  // Imported posts may show images from other https hosts; an image cannot run anything.
  'img-src': ["'self'", 'https:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'media-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'worker-src': ["'none'"],
  'manifest-src': ["'self'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Powerful browser features no Byline page uses, switched off for the page and anything it embeds. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  // FLoC's old name; Chromium still reads it, and browsing-topics is its successor.
  'interest-cohort=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/** A year; no includeSubDomains or preload: those commit other hosts, and are the owner's call at the proxy. */
export const HSTS = 'max-age=31536000';

type TrustFn = (address: string | undefined, hop: number) => boolean;

/**
 * Whether the request came over HTTPS: Express's `req.secure`, for a plain IncomingMessage too
 * (the page cache answers some requests before Express sees them). X-Forwarded-Proto counts only
 * when the peer is a trusted proxy (TRUST_PROXY).
 */
export function cameOverHttps(req: IncomingMessage, trust: TrustFn): boolean {
  const socket = req.socket as IncomingMessage['socket'] & { encrypted?: boolean };
  if (socket.encrypted) return true;
  if (!trust(socket.remoteAddress, 0)) return false;
  const header = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

export interface SecurityHeaders {
  /** Sets every header on what the app renders (a page from the cache carries those it was first sent with). */
  middleware: RequestHandler;
  /**
   * The headers that depend on the request rather than the page (HSTS over HTTPS only). The page
   * cache never stores them and adds them to every page it sends.
   */
  requestHeaders: (req: IncomingMessage) => OutgoingHttpHeaders;
}

/** The security headers of `app` (its `trust proxy` setting decides what counts as HTTPS). */
export function securityHeaders(app: Express): SecurityHeaders {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Feed readers and other sites may show a post's images: our resources may be loaded cross-origin.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    // Off: remote https images in imported posts do not send CORP headers and would be blocked.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Sent below, only over HTTPS.
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    xPoweredBy: true,
  });
  const requestHeaders = (req: IncomingMessage): OutgoingHttpHeaders =>
    cameOverHttps(req, app.get('trust proxy fn') as TrustFn) ? { 'strict-transport-security': HSTS } : {};

  const middleware: RequestHandler = (req, res, next) => {
    headers(req, res, (err?: unknown) => {
      if (err) return next(err);
      res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
      // The admin's pages are nobody else's resources.
      if (req.path === '/admin' || req.path.startsWith('/admin/')) {
        res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
      }
      for (const [name, value] of Object.entries(requestHeaders(req))) {
        if (value !== undefined) res.setHeader(name, value);
      }
      next();
    });
  };
  return { middleware, requestHeaders };
}
