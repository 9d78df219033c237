import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller.js';

/** HTTP side of imports. */
@Module({ controllers: [ImportsController] })
export class ImportsModule {}
