import { z } from 'zod';
import { SCENE_MAX_LENGTH, decodeScene, type SceneTarget } from '../../../shared/mini-program-scene';
import { AppError } from '../../errors/app-error';
import type { SceneAliases } from '../../share-kit/scene-aliases';
import { ErrorBodySchema } from '../schemas/api-schemas';
import { defineRoute } from '../route-spec';
import type { SameShape } from '../same-shape';

export const SceneParamsSchema = z.object({
  scene: z
    .string()
    .max(SCENE_MAX_LENGTH)
    .refine((scene) => decodeScene(scene) !== undefined, 'a scene is a living id, ID.r, or !ALIAS')
    .describe('The scene of one of our mini program codes, as the page received it (URL-decoded)'),
});

export const SceneTargetSchema = z
  .object({ livingId: z.string(), replay: z.boolean(), from: z.string().optional() })
  .strict();
export const sceneTargetMatchesType: SameShape<z.output<typeof SceneTargetSchema>, SceneTarget> = true;

/** What a mini program code stands for: the live page opened from a code asks this before it loads the card. */
export function sceneRoutes({ sceneAliases }: { sceneAliases: SceneAliases }) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/scenes/:scene',
      summary: "The live (and campaign tag) a mini program code's scene stands for",
      auth: 'public',
      params: SceneParamsSchema,
      responses: {
        200: { description: 'The target', schema: SceneTargetSchema },
        400: { description: 'Not a scene of ours', schema: ErrorBodySchema },
        404: { description: 'An alias nobody made', schema: ErrorBodySchema },
      },
      async handler(ctx, { params }) {
        const target = await sceneAliases.resolve(params.scene);
        if (!target) throw new AppError('NOT_FOUND', 'No mini program code has this scene');
        // An alias never changes what it stands for.
        ctx.set('Cache-Control', 'public, max-age=3600');
        ctx.body = target;
      },
    }),
  ];
}
