import type { Request } from 'express';
import type { AuditInput } from '../models/audit.js';

/** The who and where of an audit entry, taken from the request (the signed-in user and req.ip). */
export function auditFrom(req: Request, what: Pick<AuditInput, 'action' | 'target' | 'summary'>): AuditInput {
  return {
    actor: req.user ? { id: req.user.id, email: req.user.email } : null,
    ip: req.ip ?? '',
    ...what,
  };
}
