/** Forms of content traded on the platform: picture-and-text posts, lists, outfits, short video, live streams. */
export enum ContentType {
  POST = 'POST',
  LIST = 'LIST',
  OUTFIT = 'OUTFIT',
  VIDEO = 'VIDEO',
  LIVE = 'LIVE',
}
