import { RenderedMessage } from '../../templates/template-renderer';
import { Delivery } from '../schemas/delivery.schema';

/** Sends one rendered delivery over one channel; resolves with the receiving end's answer, throws when it was not accepted. */
export interface ChannelSender {
  send(delivery: Delivery, message: RenderedMessage): Promise<string>;
}
