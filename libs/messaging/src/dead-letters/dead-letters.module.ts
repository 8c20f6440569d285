import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DEAD_LETTER_STORE } from '../consumer/envelope-consumer';
import { DeadLetter, DeadLetterSchema } from './dead-letter.schema';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersService } from './dead-letters.service';

/**
 * Keeps what the service's consumers dead-letter and lets administrators list and replay it.
 * Global, so the EnvelopeConsumer of MessagingModule finds the store.
 */
@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: DeadLetter.name, schema: DeadLetterSchema }])],
  controllers: [DeadLettersController],
  providers: [DeadLettersService, { provide: DEAD_LETTER_STORE, useExisting: DeadLettersService }],
  exports: [DeadLettersService, DEAD_LETTER_STORE],
})
export class DeadLettersModule {}
