import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Role } from '../principal';

/** An official. The local user store until the province's single sign-on is connected. */
@Schema({ collection: 'users', versionKey: false })
export class User {
  /** The username. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  passwordHash!: string;

  @Prop({ type: [String], required: true })
  roles!: Role[];

  @Prop({ required: true })
  provinceCode!: string;

  @Prop({ type: String, default: null })
  unitCode!: string | null;

  @Prop({ required: true })
  createdAt!: Date;
}

export const UserSchema = SchemaFactory.createForClass(User);
