export const quickRepliesKeys = {
  all: ['quick-replies'] as const,
  list: () => [...quickRepliesKeys.all, 'list'] as const,
};
