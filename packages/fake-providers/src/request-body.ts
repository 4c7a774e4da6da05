import type { RecordedFormPart, RecordedRequest } from './recorded';

/** Parses a multipart body with the platform's own parser, and keeps the parts on the record. */
export async function parseForm(record: RecordedRequest): Promise<RecordedFormPart[] | undefined> {
  const type = record.headers['content-type'];
  if (!type?.startsWith('multipart/form-data')) return undefined;
  try {
    const form = await new Response(new Uint8Array(record.body), {
      headers: { 'content-type': type },
    }).formData();
    const parts: RecordedFormPart[] = [];
    for (const [name, value] of form) {
      if (typeof value === 'string') parts.push({ name, value });
      else {
        parts.push({
          name,
          filename: value.name,
          contentType: value.type,
          bytes: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    record.form = parts;
    return parts;
  } catch {
    return undefined;
  }
}

/** Parses a JSON body, and keeps it on the record; undefined when it is not JSON. */
export function parseJson(record: RecordedRequest): unknown {
  try {
    record.json = JSON.parse(record.body.toString());
    return record.json;
  } catch {
    return undefined;
  }
}
