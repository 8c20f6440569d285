import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../config';
import { allowsAddress, allowsHost, normalHost } from './allow-list';
import { HOST_RESOLVER, HostResolver, ResolvedAddress } from './host-resolver';
import { addressBytes, NON_PUBLIC_LABELS, nonPublic } from './ip-ranges';

/** A destination that passed the check, with the address it was checked at: connect there and nowhere else. */
export interface CheckedDestination extends ResolvedAddress {
  url: URL;
}

/** Why a webhook URL is refused: 400 for a malformed one, 422 for one that leads somewhere not allowed. */
export class DestinationRefused extends Error {
  constructor(
    readonly status: 400 | 422,
    readonly en: string,
    readonly vi: string,
  ) {
    super(en);
    this.name = 'DestinationRefused';
  }
}

const ONLY_PUBLIC = 'webhooks go to public addresses only, unless WEBHOOK_ALLOWED_HOSTS names the destination';
const ONLY_PUBLIC_VI = 'chỉ gửi tới địa chỉ công khai, trừ khi đích đến được cho phép trong WEBHOOK_ALLOWED_HOSTS';

/**
 * Whether a webhook URL may be called: http(s) without credentials, to a host whose every address
 * is public or allowed by the deployment. Run when a contact is saved and again before each call,
 * because a name may resolve elsewhere by then (DNS rebinding); the sender then connects to the
 * address checked here. The URL is read by the WHATWG parser, the one the HTTP client uses, so
 * `http://2130706433/`, `http://0x7f.1/` and `http://[::ffff:127.0.0.1]/` are all 127.0.0.1 here too.
 */
@Injectable()
export class WebhookDestinations {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'WEBHOOK_ALLOWED_HOSTS'>,
    @Inject(HOST_RESOLVER) private readonly resolve: HostResolver,
  ) {}

  async check(text: string): Promise<CheckedDestination> {
    const url = webhookUrl(text);
    const host = normalHost(url.hostname);
    const literal = addressBytes(host) !== undefined;
    const addresses: ResolvedAddress[] = literal ? [{ address: host, family: host.includes(':') ? 6 : 4 }] : await this.lookup(host);
    const allow = this.config.WEBHOOK_ALLOWED_HOSTS;
    if (!allowsHost(allow, host)) {
      for (const { address } of addresses) {
        const why = nonPublic(address);
        if (!why || allowsAddress(allow, address)) continue;
        const label = NON_PUBLIC_LABELS[why.kind];
        const where = literal ? `points at ${address}` : `${host} resolves to ${address}`;
        const whereVi = literal ? `trỏ tới ${address}` : `tên miền ${host} trỏ tới ${address}`;
        throw new DestinationRefused(422, `${where}, ${label.en} (${why.range}): ${ONLY_PUBLIC}`, `${whereVi}, ${label.vi} (${why.range}): ${ONLY_PUBLIC_VI}`);
      }
    }
    return { url, ...(addresses[0] as ResolvedAddress) };
  }

  private async lookup(host: string): Promise<ResolvedAddress[]> {
    try {
      const found = await this.resolve(host);
      if (found.length > 0) return found;
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as Error).message;
      throw new DestinationRefused(422, `${host} does not resolve (${code})`, `không phân giải được tên miền ${host} (${code})`);
    }
    throw new DestinationRefused(422, `${host} does not resolve`, `không phân giải được tên miền ${host}`);
  }
}

function webhookUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DestinationRefused(400, 'must be an absolute http:// or https:// URL', 'phải là một địa chỉ http:// hoặc https:// đầy đủ');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DestinationRefused(400, `must be an http:// or https:// URL, not ${url.protocol}`, `phải là địa chỉ http:// hoặc https://, không phải ${url.protocol}`);
  }
  // The HTTP client refuses them, and the body is signed with the shared secret instead.
  if (url.username || url.password) {
    throw new DestinationRefused(400, 'must not carry a user name or password: the body is signed with the shared secret', 'không được chứa tên đăng nhập hay mật khẩu: nội dung đã được ký bằng khoá bí mật dùng chung');
  }
  return url;
}
