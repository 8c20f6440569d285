import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportForm } from '@dtp/contracts';
import { Model } from 'mongoose';
import { KnownForm } from './known-form.schema';

export const formIdOf = (provinceCode: string, code: string) => `${provinceCode}:${code}`;

@Injectable()
export class KnownFormsService {
  constructor(@InjectModel(KnownForm.name) private readonly forms: Model<KnownForm>) {}

  /** Keeps the highest version seen: a duplicate or an older event changes nothing. */
  async apply(event: ReportForm.Envelope): Promise<void> {
    const f = event.data;
    const _id = formIdOf(f.provinceCode, f.code);
    const optional = { deadline: f.deadline, cutOff: f.cutOff, legalBasis: f.legalBasis };
    const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
    const absent = Object.fromEntries(Object.keys(optional).filter((k) => !(k in present)).map((k) => [k, 1]));
    const fields = { provinceCode: f.provinceCode, code: f.code, nameVi: f.nameVi, nameEn: f.nameEn, periodType: f.periodType, calendar: f.calendar, levels: f.levels, version: f.version, ...present };
    // A later version without an optional field no longer has it (a form back on Decree 09 drops its own cut-off).
    const { matchedCount } = await this.forms.updateOne({ _id, version: { $lt: f.version } }, Object.keys(absent).length > 0 ? { $set: fields, $unset: absent } : { $set: fields });
    if (matchedCount === 1) return;
    try {
      await this.forms.collection.insertOne({ _id: _id as never, ...fields });
    } catch (error) {
      // Already there with this version or a newer one.
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }

  find(provinceCode: string, code: string): Promise<KnownForm | null> {
    return this.forms.findById(formIdOf(provinceCode, code)).lean<KnownForm>().exec();
  }

  /** As `find`, but a form not (yet) announced is a 404. */
  async get(provinceCode: string, code: string): Promise<KnownForm> {
    const form = await this.find(provinceCode, code);
    if (!form) throw new NotFoundException(`form ${code} of province ${provinceCode} is not known here (yet)`);
    return form;
  }

  /** Forms with a deadline rule: the ones the reporting calendar can be computed for. */
  scheduled(): Promise<KnownForm[]> {
    return this.forms.find({ deadline: { $exists: true } }).sort({ _id: 1 }).lean<KnownForm[]>().exec();
  }
}
