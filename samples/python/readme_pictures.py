# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
# The README's denoiser pictures, made with the aecv package and the shipped model:
#   PYTHONPATH=build/release/python /usr/bin/python3 samples/python/readme_pictures.py samples/images
# denoise_video.jpg: frames of opencv-doc's vtest.avi (a real camera), input | output, with a 2x crop;
# denoise_clean.jpg: a clean photo held out of training (opencv-doc's stuff.jpg), input | output.
import sys

import cv2
import numpy as np

import aecv

DATA = "/usr/share/doc/opencv-doc/examples/data/"


def label(image, text):
    cv2.putText(image, text, (8, 22), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 3, cv2.LINE_AA)
    cv2.putText(image, text, (8, 22), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (255, 255, 255), 1, cv2.LINE_AA)
    return image


def panel(before, after, crop, note):
    """Input | output at half size, then the crop (x, y, w, h) of both at twice the size."""
    x, y, w, h = crop
    half = lambda im: cv2.resize(im, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    zoom = lambda im: cv2.resize(im[y:y + h, x:x + w], None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)
    top = cv2.hconcat([label(half(before), "input"), label(half(after), "aecv " + note)])
    bottom = cv2.hconcat([label(zoom(before), "input, 2x"), label(zoom(after), "output, 2x")])
    bottom = cv2.resize(bottom, (top.shape[1], top.shape[1] * bottom.shape[0] // bottom.shape[1]))
    return cv2.vconcat([top, bottom])


def main(folder):
    aecv.set_precision("f32")
    denoiser = aecv.Denoiser()
    capture = cv2.VideoCapture(DATA + "vtest.avi")
    rows = []
    for index in (120, 560):
        capture.set(cv2.CAP_PROP_POS_FRAMES, index)
        ok, frame = capture.read()
        assert ok, "vtest.avi: frame %d" % index
        out = denoiser.apply(frame)
        print("vtest.avi frame %d: level %.2f, %.1f dB from the input" % (index, denoiser.last_level,
                                                                           cv2.PSNR(frame, out)))
        rows.append(panel(frame, out, (300, 20, 192, 144), "(level %.1f)" % denoiser.last_level))
    cv2.imwrite(folder + "/denoise_video.jpg", cv2.vconcat(rows), [cv2.IMWRITE_JPEG_QUALITY, 90])

    photo = cv2.imread(DATA + "stuff.jpg")
    out = denoiser.apply(photo)
    print("stuff.jpg, clean: level %.2f, %.1f dB from the input" % (denoiser.last_level, cv2.PSNR(photo, out)))
    crop = (photo.shape[1] // 2 - 96, photo.shape[0] // 2 - 72, 192, 144)
    cv2.imwrite(folder + "/denoise_clean.jpg", panel(photo, out, crop, "(level %.1f)" % denoiser.last_level),
                [cv2.IMWRITE_JPEG_QUALITY, 90])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
