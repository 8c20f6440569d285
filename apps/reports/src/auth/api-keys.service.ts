import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomBytes } from 'node:crypto';
import { UnitsDirectory, unitsCheckable } from '@dtp/messaging';
import { refusal } from '@dtp/platform';
import { Model } from 'mongoose';
import { unauthorized } from './auth-problems';
import { Principal } from './principal';
import { ApiKey } from './schemas/api-key.schema';
import { hashKeySecret, randomSecret, sameHash } from './secret-hash';

export const API_KEY_PREFIX = 'dtp';

export interface IssuedKey {
  id: string;
  /** Shown once; only its hash is stored. */
  key: string;
  provinceCode: string;
  unitCode: string;
  expiresAt: Date;
}

/** Keys are `dtp_<id>_<secret>`: the id finds the record, the secret is checked against its hash. */
const KEY_FORMAT = /^dtp_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectModel(ApiKey.name) private readonly keys: Model<ApiKey>,
    private readonly units: UnitsDirectory,
  ) {}

  async issue(unit: { provinceCode: string; unitCode: string }, expiresAt: Date, createdBy: string): Promise<IssuedKey> {
    await this.checkUnitExists(unit);
    const id = randomBytes(8).toString('hex');
    const secret = randomSecret();
    await this.keys.create({ _id: id, ...unit, secretHash: hashKeySecret(secret), expiresAt, revokedAt: null, createdAt: new Date(), createdBy, replacedBy: null });
    return { id, key: `${API_KEY_PREFIX}_${id}_${secret}`, ...unit, expiresAt };
  }

  /** Keys only for units in the province's list (when the indicators service is known: UnitsDirectory). */
  private async checkUnitExists({ provinceCode, unitCode }: { provinceCode: string; unitCode: string }): Promise<void> {
    if ((await unitsCheckable(this.units)) === 'off') return;
    if (!this.units.current().has(unitCode)) await this.units.reloadIfStale();
    if (this.units.current().has(unitCode)) return;
    const detail = `unit ${unitCode} is not in the list of units of province ${provinceCode}: import it first (indicators, POST /api/v1/units/import)`;
    const detailVi = `đơn vị ${unitCode} không có trong danh mục đơn vị của tỉnh ${provinceCode}: hãy nhập đơn vị trước (dịch vụ chỉ tiêu, POST /api/v1/units/import)`;
    throw refusal(422, 'unknown-unit', detail, detailVi, [{ field: 'unitCode', message: detail, messageVi: detailVi }]);
  }

  /**
   * A new key for the same unit; the old one stops working at once. `provinceCode` confines the
   * caller to its province's keys (undefined: every province): another province's key is answered
   * as missing, so ids of other provinces cannot even be probed.
   */
  async rotate(id: string, expiresAt: Date, by: string, provinceCode: string | undefined): Promise<IssuedKey> {
    const old = await this.keys.findById(id).lean().exec();
    if (!old || old.revokedAt || (provinceCode !== undefined && old.provinceCode !== provinceCode)) throw new NotFoundException(`no active API key ${id}`);
    const issued = await this.issue({ provinceCode: old.provinceCode, unitCode: old.unitCode }, expiresAt, by);
    await this.keys.updateOne({ _id: id }, { $set: { revokedAt: new Date(), replacedBy: issued.id } });
    return issued;
  }

  async revoke(id: string, provinceCode: string | undefined): Promise<void> {
    const { matchedCount } = await this.keys.updateOne({ _id: id, revokedAt: null, ...(provinceCode !== undefined ? { provinceCode } : {}) }, { $set: { revokedAt: new Date() } });
    if (matchedCount === 0) throw new NotFoundException(`no active API key ${id}`);
  }

  async listForUnit(provinceCode: string, unitCode: string): Promise<Array<Omit<ApiKey, 'secretHash'>>> {
    return this.keys.find({ provinceCode, unitCode }, { secretHash: 0 }).sort({ createdAt: -1 }).lean<Array<Omit<ApiKey, 'secretHash'>>>().exec();
  }

  /** The unit a presented key speaks for, or a 401 saying why not. */
  async authenticate(presented: string, now = new Date()): Promise<Principal> {
    const match = KEY_FORMAT.exec(presented);
    if (!match) throw unauthorized('the API key is malformed', 'khoá API không đúng định dạng');
    const [, id, secret] = match as unknown as [string, string, string];
    const key = await this.keys.findById(id).lean().exec();
    if (!key || !sameHash(key.secretHash, hashKeySecret(secret))) throw unauthorized('the API key is not valid', 'khoá API không hợp lệ');
    if (key.revokedAt) throw unauthorized('the API key was revoked', 'khoá API đã bị thu hồi');
    if (key.expiresAt.getTime() <= now.getTime()) throw unauthorized(`the API key expired on ${key.expiresAt.toISOString()}`, `khoá API đã hết hạn từ ${key.expiresAt.toISOString()}`);
    return { kind: 'unit', keyId: key._id, provinceCode: key.provinceCode, unitCode: key.unitCode };
  }
}
