import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportForm } from '@dtp/contracts';
import { Model } from 'mongoose';
import { KnownForm } from './schemas/known-form.schema';

@Injectable()
export class KnownFormsService {
  constructor(@InjectModel(KnownForm.name) private readonly forms: Model<KnownForm>) {}

  /** Keeps the highest version seen: a duplicate or an older event changes nothing. */
  async apply(event: ReportForm.Envelope): Promise<void> {
    const f = event.data;
    const _id = `${f.provinceCode}:${f.code}`;
    const fields = { provinceCode: f.provinceCode, code: f.code, nameVi: f.nameVi, nameEn: f.nameEn, periodType: f.periodType, calendar: f.calendar, levels: f.levels, version: f.version };
    const { matchedCount } = await this.forms.updateOne({ _id, version: { $lt: f.version } }, { $set: fields });
    if (matchedCount === 1) return;
    try {
      await this.forms.collection.insertOne({ _id: _id as never, ...fields });
    } catch (error) {
      // Already there with this version or a newer one.
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }

  async get(provinceCode: string, code: string): Promise<KnownForm> {
    const form = await this.forms.findById(`${provinceCode}:${code}`).lean<KnownForm>().exec();
    if (!form) throw new NotFoundException(`form ${code} of province ${provinceCode} is not known here (yet)`);
    return form;
  }
}
