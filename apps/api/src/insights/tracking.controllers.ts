import { Controller, Post, Req, Res } from '@nestjs/common';
import { DomainError, ErrorCode, localizedMessage } from '@vtask/core';
import { ConversionsService } from '@vtask/insights';
import type { Request, Response } from 'express';
import { readerOf } from '../graphql/request-context';

export const CONVERSIONS_PATH = '/conversions';

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.DEADLINE_PASSED]: 422,
};

/**
 * `POST /conversions`: a sale the merchant's shop reports, signed (X-VTask-Signature, see the README).
 * 200 when counted or already counted; 4xx with the error's code otherwise, and nothing is stored.
 */
@Controller('conversions')
export class ConversionsController {
  constructor(private readonly conversions: ConversionsService) {}

  @Post()
  async report(@Req() req: Request, @Res() res: Response): Promise<void> {
    // The raw-body middleware of this route kept the exact bytes the shop signed.
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const receipt = await this.conversions.report(body, req.get('x-vtask-signature'));
      res.status(200).json({ recorded: receipt.recorded, conversionId: receipt.conversionId });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(STATUS_OF[error.code] ?? 400).json({
        errors: [
          {
            message: localizedMessage(error, readerOf(req)),
            extensions: {
              code: error.code,
              reason: error.localized?.key,
              ...(error.fields ? { fields: error.fields } : {}),
            },
          },
        ],
      });
    }
  }
}
