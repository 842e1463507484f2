/**
 * The crew member's board: kept at this path for the table; the desk itself lives in
 * boards/SenderBoard.tsx and its parts in boards/Sender*.tsx.
 * @module
 */
export { SenderBoard } from './boards/SenderBoard.tsx';
