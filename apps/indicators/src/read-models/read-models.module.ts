import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FoldGeneration, FoldGenerations, FoldGenerationSchema } from './fold-generations.service';
import { FastReads } from './fast-reads';
import { ViewCache } from './view-cache';

@Module({
  imports: [MongooseModule.forFeature([{ name: FoldGeneration.name, schema: FoldGenerationSchema }])],
  providers: [FoldGenerations, ViewCache, FastReads],
  exports: [FoldGenerations, ViewCache, FastReads],
})
export class ReadModelsModule {}
