// 空調延長 (issue #7): entities of after-hours AC; every class is listed in AC_ENTITIES.
export const AC_ENTITIES: Array<new () => object> = [];
