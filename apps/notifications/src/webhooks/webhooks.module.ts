import { Module } from '@nestjs/common';
import { HOST_RESOLVER, systemResolver } from './host-resolver';
import { WebhookDestinations } from './webhook-destinations.service';

/** Which webhook destinations may be called: checked when a contact is saved and before every call. */
@Module({
  providers: [WebhookDestinations, { provide: HOST_RESOLVER, useValue: systemResolver }],
  exports: [WebhookDestinations],
})
export class WebhooksModule {}
