# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
# Denoise a webcam frame with aecv, beside Debian's cv2 (opencv-doc's vtest.avi when there is no camera).
import os

import cv2

import aecv

capture = cv2.VideoCapture(0)
if not capture.isOpened():
    capture = cv2.VideoCapture("/usr/share/doc/opencv-doc/examples/data/vtest.avi")
ok, frame = capture.read()
if not ok:
    raise SystemExit("no camera and no video")

denoiser = aecv.Denoiser()  # the shipped model; the noise level is estimated on every frame
clean = denoiser.apply(frame)
print(f"{frame.shape[1]}x{frame.shape[0]} frame: noise level {denoiser.last_level:.2f} of 255, "
      f"{cv2.PSNR(frame, clean):.1f} dB from the input")

if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
    cv2.imshow("input | aecv.Denoiser", cv2.hconcat([frame, clean]))
    cv2.waitKey(0)
