// The pixel size and format read from an image's first bytes, for each format the images folder takes.
import { describe, expect, it } from "vitest";
import { imageSize } from "../../src/media/image-size.js";
import { gifHeader, jpegHeader, pngBytes, webpHeader } from "../support/images.js";

describe("imageSize", () => {
  it("reads PNG, JPEG, GIF and WebP sizes and says which format the bytes are", () => {
    expect(imageSize(pngBytes(3, 2))).toEqual({ width: 3, height: 2, type: "image/png" });
    expect(imageSize(jpegHeader(1200, 800))).toEqual({
      width: 1200,
      height: 800,
      type: "image/jpeg",
    });
    expect(imageSize(gifHeader(640, 480))).toEqual({ width: 640, height: 480, type: "image/gif" });
    expect(imageSize(webpHeader(1600, 900))).toEqual({
      width: 1600,
      height: 900,
      type: "image/webp",
    });
  });

  it("gives nothing for other bytes, or bytes that end before the size", () => {
    expect(imageSize(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeUndefined();
    expect(imageSize(pngBytes(3, 2).subarray(0, 20))).toBeUndefined();
    expect(imageSize(jpegHeader(1200, 800).subarray(0, 22))).toBeUndefined();
    expect(imageSize(webpHeader(10, 10).subarray(0, 20))).toBeUndefined();
  });
});
