import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { refusal } from '@dtp/platform';
import { Model } from 'mongoose';
import { InboxOwner } from '../deliveries/schemas/delivery.schema';
import { InboxMessage } from './schemas/inbox-message.schema';

const ownerFilter = (owner: InboxOwner) => ({ 'owner.kind': owner.kind, 'owner.provinceCode': owner.provinceCode, 'owner.id': owner.id });

@Injectable()
export class InboxService {
  constructor(@InjectModel(InboxMessage.name) private readonly messages: Model<InboxMessage>) {}

  /** Idempotent: the message id is the delivery's. */
  async put(message: Omit<InboxMessage, 'readAt' | 'readBy'>): Promise<'added' | 'already there'> {
    try {
      await this.messages.collection.insertOne({ ...message, _id: message._id as never });
      return 'added';
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return 'already there';
      throw error;
    }
  }

  list(owners: InboxOwner[], unreadOnly: boolean, limit: number): Promise<InboxMessage[]> {
    return this.messages
      .find({ $or: owners.map(ownerFilter), ...(unreadOnly ? { readAt: { $exists: false } } : {}) })
      .sort({ createdAt: -1, _id: 1 })
      .limit(limit)
      .lean<InboxMessage[]>()
      .exec();
  }

  unreadCount(owners: InboxOwner[]): Promise<number> {
    return this.messages.countDocuments({ $or: owners.map(ownerFilter), readAt: { $exists: false } }).exec();
  }

  /** Marks a message read if it is in one of the reader's inboxes. */
  async markRead(id: string, owners: InboxOwner[], by: string, now: Date): Promise<InboxMessage> {
    const message = await this.messages.findOne({ _id: id, $or: owners.map(ownerFilter) }).lean<InboxMessage>().exec();
    if (!message) throw refusal(404, 'not-found', `no message ${id} in your inbox`, `không có thông báo ${id} trong hộp thư của bạn`);
    if (message.readAt) return message;
    await this.messages.updateOne({ _id: id }, { $set: { readAt: now, readBy: by } });
    return { ...message, readAt: now, readBy: by };
  }
}
