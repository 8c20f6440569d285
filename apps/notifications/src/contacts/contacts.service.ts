import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { refusal } from '@dtp/platform';
import { Model } from 'mongoose';
import { DestinationRefused, WebhookDestinations } from '../webhooks/webhook-destinations.service';
import { ContactDto, ContactViewDto } from './contact.dto';
import { Contact, standingAgencyContactId, unitContactId } from './schemas/contact.schema';

@Injectable()
export class ContactsService {
  constructor(
    @InjectModel(Contact.name) private readonly contacts: Model<Contact>,
    private readonly destinations: WebhookDestinations,
  ) {}

  saveUnit(provinceCode: string, unitCode: string, dto: ContactDto, by: string): Promise<ContactViewDto> {
    return this.save(unitContactId(provinceCode, unitCode), { provinceCode, role: 'unit', unitCode }, dto, by);
  }

  saveStandingAgency(provinceCode: string, dto: ContactDto, by: string): Promise<ContactViewDto> {
    return this.save(standingAgencyContactId(provinceCode), { provinceCode, role: 'standing-agency' }, dto, by);
  }

  private async save(_id: string, identity: Pick<Contact, 'provinceCode' | 'role' | 'unitCode'>, dto: ContactDto, by: string): Promise<ContactViewDto> {
    if (dto.webhook) await this.checkWebhook(dto.webhook.url);
    // A whole replacement: one write, so a reader never sees half a contact.
    const contact: Contact = { _id, ...identity, emails: dto.emails, digest: dto.digest ?? false, updatedAt: new Date(), updatedBy: by, ...(dto.name ? { name: dto.name } : {}), ...(dto.webhook ? { webhook: { url: dto.webhook.url, secret: dto.webhook.secret } } : {}) };
    await this.contacts.collection.replaceOne({ _id: _id as never }, contact, { upsert: true });
    return viewOf(contact);
  }

  /** Refused at once, so an admin learns of it now rather than from a failed delivery later. */
  private async checkWebhook(url: string): Promise<void> {
    try {
      await this.destinations.check(url);
    } catch (error) {
      if (!(error instanceof DestinationRefused)) throw error;
      const [detail, detailVi] = [`webhook.url: ${error.en}`, `webhook.url: ${error.vi}`];
      throw refusal(error.status, 'webhook-destination', detail, detailVi, [{ field: 'webhook.url', message: detail, messageVi: detailVi }]);
    }
  }

  byId(id: string): Promise<Contact | null> {
    return this.contacts.findById(id).lean<Contact>().exec();
  }

  ofUnit(provinceCode: string, unitCode: string): Promise<Contact | null> {
    return this.contacts.findById(unitContactId(provinceCode, unitCode)).lean<Contact>().exec();
  }

  standingAgency(provinceCode: string): Promise<Contact | null> {
    return this.contacts.findById(standingAgencyContactId(provinceCode)).lean<Contact>().exec();
  }

  async list(provinceCode: string): Promise<ContactViewDto[]> {
    return (await this.contacts.find({ provinceCode }).sort({ _id: 1 }).lean<Contact[]>().exec()).map(viewOf);
  }
}

function viewOf(c: Contact): ContactViewDto {
  return { id: c._id, role: c.role, emails: c.emails ?? [], digest: c.digest ?? false, ...(c.unitCode ? { unitCode: c.unitCode } : {}), ...(c.name ? { name: c.name } : {}), ...(c.webhook ? { webhookUrl: c.webhook.url } : {}) };
}
