import { ApiError } from '$lib/api-call';
import { noticeFor, type Notice } from '$lib/notices';

export interface FormErrors {
  /** Messages by field name (the top-level key of the request), shown beside each field. */
  fields: Record<string, string>;
  /** What the whole form is told, announced in an alert. */
  notice: Notice;
}

function issuesOf(details: unknown): Array<{ path: string; message: string }> {
  if (Array.isArray(details)) {
    return details.filter(
      (d): d is { path: string; message: string } =>
        typeof d?.path === 'string' && typeof d?.message === 'string',
    );
  }
  // Domain refusals name their field in `details.field` (e.g. an upload in `sourceImage`).
  const field = (details as { field?: unknown } | null | undefined)?.field;
  return typeof field === 'string' ? [{ path: field, message: '' }] : [];
}

/** A refusal of a form's request, split into field messages and one notice for the form. */
export function formErrors(error: unknown): FormErrors {
  const fields: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const issue of issuesOf(error.details)) {
      const field = issue.path.split('.')[0] || 'form';
      fields[field] ??= issue.message || error.message;
    }
  }
  const notice =
    error instanceof ApiError && Object.keys(fields).length > 0
      ? { tone: 'error' as const, title: 'Check the highlighted fields.', detail: error.message }
      : noticeFor(error);
  return { fields, notice };
}

/** Props for an input that has an error: invalid, and described by its message. */
export function invalid(id: string, message: string | undefined) {
  return message
    ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` }
    : { 'aria-invalid': undefined, 'aria-describedby': undefined };
}
