import { createServer, IncomingMessage, Server } from 'node:http';
import { freePort } from '@dtp/testing';

export interface ReceivedCall {
  headers: IncomingMessage['headers'];
  body: string;
  answered: number;
}

/**
 * A real HTTP server standing for a unit's system; `answers` scripts its status codes for the
 * calls `scripted` picks (all by default), then 200.
 */
export class WebhookReceiver {
  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly calls: ReceivedCall[],
  ) {}

  static async start(answers: number[] = [], scripted: (body: string) => boolean = () => true): Promise<WebhookReceiver> {
    const port = await freePort();
    const script = [...answers];
    const calls: ReceivedCall[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const answered = (scripted(body) ? script.shift() : undefined) ?? 200;
        calls.push({ headers: req.headers, body, answered });
        res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'try later');
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return new WebhookReceiver(server, port, calls);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/dtp`;
  }

  accepted(): ReceivedCall[] {
    return this.calls.filter((c) => c.answered >= 200 && c.answered < 300);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
