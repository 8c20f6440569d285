import { Global, Module } from '@nestjs/common';
import { DEFAULT_TEMPLATES_DIRECTORY, TemplateRenderer } from './template-renderer';
import { TemplatesController } from './templates.controller';

@Global()
@Module({
  controllers: [TemplatesController],
  providers: [{ provide: TemplateRenderer, useFactory: () => new TemplateRenderer(DEFAULT_TEMPLATES_DIRECTORY) }],
  exports: [TemplateRenderer],
})
export class TemplatesModule {}
