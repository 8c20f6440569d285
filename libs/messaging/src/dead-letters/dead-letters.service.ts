import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { KafkaClient } from '../kafka/kafka-client';
import { DeadLetter } from './dead-letter.schema';
import { provinceOfMessage } from './message-province';

export interface ParkedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  reason: string;
  attempts: number;
}

/** The service's own record of what its consumers dead-lettered, and the replay of one. */
@Injectable()
export class DeadLettersService {
  constructor(
    @InjectModel(DeadLetter.name) private readonly letters: Model<DeadLetter>,
    private readonly kafka: KafkaClient,
  ) {}

  async record(message: ParkedMessage): Promise<void> {
    const _id = `${message.topic}:${message.partition}:${message.offset}`;
    await this.letters.updateOne({ _id }, { $set: { ...message, provinceCode: provinceOfMessage(message.key, message.value), at: new Date() }, $setOnInsert: { replayedAt: null, replays: 0 } }, { upsert: true });
  }

  /** `provinceCode` confines the list to one province's messages; undefined lists every province's (national administrators). */
  async list(options: { topic?: string; provinceCode?: string; page: number; pageSize: number }): Promise<{ total: number; items: DeadLetter[] }> {
    const filter = { ...(options.topic ? { topic: options.topic } : {}), ...(options.provinceCode !== undefined ? { provinceCode: options.provinceCode } : {}) };
    const [total, items] = await Promise.all([
      this.letters.countDocuments(filter),
      this.letters.find(filter).sort({ at: -1 }).skip((options.page - 1) * options.pageSize).limit(options.pageSize).lean<DeadLetter[]>().exec(),
    ]);
    return { total, items };
  }

  /** Publishes the parked message again, as it was, to its original topic: a fresh delivery to idempotent consumers. */
  async replay(id: string, provinceCode: string | undefined): Promise<DeadLetter> {
    const letter = await this.letters.findById(id).lean<DeadLetter>().exec();
    // Another province's message is answered as missing: its ids are not to be probed.
    if (!letter || (provinceCode !== undefined && letter.provinceCode !== provinceCode)) throw new NotFoundException(`no dead letter ${id}`);
    await this.kafka.send(letter.topic, [{ key: letter.key ?? '', value: letter.value, headers: { 'replayed-from': id } }]);
    return this.letters.findOneAndUpdate({ _id: id }, { $set: { replayedAt: new Date() }, $inc: { replays: 1 } }, { new: true }).lean<DeadLetter>().orFail().exec();
  }
}
