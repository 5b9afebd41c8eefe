// @ts-check
// A StrykerJS ignorer (stryker.config.mjs): the words of error and log messages are for people, and a
// changed word is not a missed bug. Only the text is ignored; what decides whether an error is thrown,
// its code or reason, and what a log line carries besides its text are all still mutated.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/** Error classes, and the position of the argument that is their message text. */
const MESSAGE_ARGUMENT = new Map([
  ['Error', 0],
  ['RangeError', 0],
  ['TypeError', 0],
  ['UnsafePathError', 1], // (reason, detail)
  ['TsguError', 2], // (packet, reason, detail)
]);
const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** @param {import('@babel/core').NodePath} path */
function isText(path) {
  return path.isStringLiteral() || path.isTemplateLiteral();
}

/** @param {import('@babel/core').NodePath} path */
function isErrorMessage(path) {
  const call = path.parentPath;
  if (!call?.isNewExpression() || path.listKey !== 'arguments') return false;
  const callee = call.node.callee;
  return callee.type === 'Identifier' && MESSAGE_ARGUMENT.get(callee.name) === path.key;
}

/** `super(text)` in a class that extends an error, or its `this.name = 'SomeError'`. */
function isOwnErrorText(/** @type {import('@babel/core').NodePath} */ path) {
  const parent = path.parentPath;
  const isSuperArgument = parent?.isCallExpression() && parent.node.callee.type === 'Super';
  const isNameAssignment =
    parent?.isAssignmentExpression() &&
    parent.node.left.type === 'MemberExpression' &&
    parent.node.left.object.type === 'ThisExpression' &&
    parent.node.left.property.type === 'Identifier' &&
    parent.node.left.property.name === 'name';
  if (!isSuperArgument && !isNameAssignment) return false;
  const owner = path.findParent((ancestor) => ancestor.isClass());
  const base = owner?.isClass() ? owner.node.superClass : null;
  return base?.type === 'Identifier' && MESSAGE_ARGUMENT.has(base.name);
}

/** `log.warn({ err }, 'text')`, `console.error('text')`, … */
function isLogMessage(/** @type {import('@babel/core').NodePath} */ path) {
  const call = path.parentPath;
  if (!call?.isCallExpression() || path.listKey !== 'arguments') return false;
  const callee = call.node.callee;
  return (
    callee.type === 'MemberExpression' &&
    callee.property.type === 'Identifier' &&
    LOG_METHODS.has(callee.property.name)
  );
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'message-text', {
    /** @param {import('@babel/core').NodePath} path */
    shouldIgnore(path) {
      if (!isText(path)) return undefined;
      if (isErrorMessage(path) || isOwnErrorText(path)) return 'the text of an error message';
      if (isLogMessage(path)) return 'the text of a log message';
      return undefined;
    },
  }),
];
