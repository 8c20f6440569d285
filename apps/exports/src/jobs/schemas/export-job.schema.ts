import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ExportJob as Contract } from '@dtp/contracts';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';
import { Schema as MongooseSchema } from 'mongoose';
import { ExportRequest } from '../../documents/export-request';

export type ExportStatus = 'queued' | 'running' | 'completed' | 'failed' | 'expired';

/** Where an export stands, in words for Vietnamese text (refusals): never the code "running". */
export const EXPORT_STATUS_NAMES_VI: Record<ExportStatus, string> = {
  queued: 'đang chờ tạo tệp',
  running: 'đang tạo tệp',
  completed: 'đã tạo xong',
  failed: 'không tạo được tệp',
  expired: 'tệp đã hết hạn lưu',
};

/** One export: what was asked, how far it got, and where its file is. */
@Schema({ collection: 'export_jobs', versionKey: false })
export class ExportJobRecord implements OutboxFields {
  /** A UUID, given to the caller at once. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  provinceCode!: string;

  @Prop({ type: String, required: true })
  kind!: Contract.Kind;

  @Prop({ type: String, required: true })
  format!: Contract.Format;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  request!: ExportRequest;

  /** The official's username. */
  @Prop({ required: true })
  requestedBy!: string;

  @Prop({ type: String, required: true })
  status!: ExportStatus;

  /** 0–100; never goes down. */
  @Prop({ required: true })
  progress!: number;

  @Prop()
  rows?: number;

  @Prop()
  fileName?: string;

  @Prop()
  contentType?: string;

  @Prop()
  storageKey?: string;

  @Prop()
  size?: number;

  @Prop()
  reason?: string;

  @Prop()
  reasonVi?: string;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop()
  startedAt?: Date;

  @Prop()
  finishedAt?: Date;

  /** When the file is deleted (retention). */
  @Prop()
  expiresAt?: Date;

  // Declared for TypeScript; addOutboxFields puts them in the schema.
  outbox!: Record<string, OutboxEntry>;
  outboxCount!: number;
}

export const ExportJobSchema = addOutboxFields(SchemaFactory.createForClass(ExportJobRecord));
ExportJobSchema.index({ provinceCode: 1, createdAt: -1 });
ExportJobSchema.index({ status: 1, expiresAt: 1 });
