"use client";

/** What POST /api/datasets answers (server/training/datasets-store/upload-route.ts). */
export type UploadAnswer = {
  dataset: { id: string; name: string; kind: string; status: string; bytes: number };
  jobId: string;
  duplicateOf: { id: string; name: string } | null;
};

export class UploadFailed extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Sends the file as the raw request body with XMLHttpRequest, whose upload events give a real
 * progress bar (fetch has none for request bodies). The session cookie authenticates; the
 * workspace goes in a header, which also keeps cross-site forms out.
 */
export function uploadDatasetFile(options: {
  workspaceSlug: string;
  file: File;
  name: string;
  kind: string;
  onProgress: (fraction: number) => void;
}): { promise: Promise<UploadAnswer>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const params = new URLSearchParams({
    name: options.name,
    kind: options.kind,
    fileName: options.file.name,
  });
  const promise = new Promise<UploadAnswer>((resolve, reject) => {
    xhr.open("POST", `/api/datasets?${params}`);
    xhr.setRequestHeader("x-parley-workspace", options.workspaceSlug);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: { error?: { message?: string } } & Partial<UploadAnswer> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): the status says enough.
      }
      if (xhr.status === 201 && body.dataset) resolve(body as UploadAnswer);
      else {
        const message =
          body.error?.message ??
          (xhr.status === 413 ? "The file is too large." : `Upload failed (HTTP ${xhr.status}).`);
        reject(new UploadFailed(message, xhr.status));
      }
    };
    xhr.onerror = () =>
      reject(new UploadFailed("Could not reach the server. Check your connection.", 0));
    xhr.onabort = () => reject(new UploadFailed("Upload cancelled.", 0));
    xhr.send(options.file);
  });
  return { promise, abort: () => xhr.abort() };
}
