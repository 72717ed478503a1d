// 車庫窓口 (issue #5): entities of the garage counter; every class is listed in GARAGE_ENTITIES.
export const GARAGE_ENTITIES: Array<new () => object> = [];
