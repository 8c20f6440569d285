import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { LookupFunction } from 'node:net';
import { CheckedDestination } from '../../webhooks/webhook-destinations.service';

/**
 * POSTs to the address the destination was checked at, whatever the name resolves to now: the
 * check and the connection see the same IP (no DNS rebinding between them). TLS still verifies
 * the certificate against the host name. Resolves with the status; redirects are not followed.
 */
export function postPinned(destination: CheckedDestination, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: destination.address, family: destination.family }]);
    else callback(null, destination.address, destination.family);
  };
  const send = destination.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const request = send(
      destination.url,
      // No shared pool: a pooled socket could belong to an address checked for another request.
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: pinned, agent: false, signal: AbortSignal.timeout(timeoutMs) },
      (response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
      },
    );
    request.on('error', (error: Error) => reject(error.name === 'AbortError' ? new Error(`no answer within ${timeoutMs} ms`) : error));
    request.end(body);
  });
}
