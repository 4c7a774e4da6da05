export interface FilePart {
  field: string;
  bytes: Buffer;
  contentType: string;
  filename: string;
}

/** A multipart/form-data body, encoded by the platform's own FormData serialiser. */
export async function encodeMultipart(
  fields: Record<string, string>,
  files: readonly FilePart[],
): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) {
    form.append(
      file.field,
      new Blob([new Uint8Array(file.bytes)], { type: file.contentType }),
      file.filename,
    );
  }
  const encoded = new Request('http://multipart.invalid/', { method: 'POST', body: form });
  const contentType = encoded.headers.get('content-type');
  if (!contentType) throw new Error('FormData produced no content type');
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType };
}
