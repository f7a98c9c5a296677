# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
"""python3 -m aecv.denoise: aecv-denoise in Python, on a webcam, a video or an image.

    python3 -m aecv.denoise                                   # camera 0, or opencv-doc's vtest.avi
    python3 -m aecv.denoise --input photo.png --output clean.png
    python3 -m aecv.denoise --input in.avi --add-noise 25 --compare --output side_by_side.avi
"""

import argparse
import os
import sys
import time

import cv2
import numpy as np

import aecv

FALLBACK_VIDEO = "/usr/share/doc/opencv-doc/examples/data/vtest.avi"


def _arguments(argv):
    p = argparse.ArgumentParser(prog="python3 -m aecv.denoise",
                                description="remove noise from video or an image with aecv's learned denoiser")
    p.add_argument("--input", help="a video or image file instead of the camera")
    p.add_argument("--camera", type=int, default=0, help="webcam index (used without --input)")
    p.add_argument("--model", help="an aecv model file (default: the shipped one)")
    p.add_argument("--output", help="write the result here: a video (MJPG .avi) or an image")
    p.add_argument("--compare", action="store_true", help="write input | output side by side to --output")
    p.add_argument("--headless", action="store_true", help="no window (the default when there is no display)")
    p.add_argument("--frames", type=int, default=0, help="stop after this many frames (0: at the end)")
    p.add_argument("--seed", type=int, default=1, help="seed of the added noise")
    p.add_argument("--precision", choices=["auto", "f32", "bf16"], default="auto",
                   help="auto: bf16 where the CPU has AVX-512 BF16")
    p.add_argument("--add-noise", type=float, default=0.0, metavar="SIGMA",
                   help="add Gaussian noise of this sigma (0..255) first")
    p.add_argument("--strength", type=float, help="remove noise of this sigma (0..75; 0: output = input) "
                   "instead of the level estimated on every frame")
    a = p.parse_args(argv)
    if not 0 <= a.add_noise <= 255:
        p.error(f"--add-noise is {a.add_noise:g}; expected a sigma from 0 to 255")
    if a.frames < 0:
        p.error(f"--frames is {a.frames}; expected 0 or more")
    return a


def _open(a):
    """(image, None) for a picture, (None, capture) for a video or the camera."""
    if a.input:
        if not os.path.exists(a.input):
            raise SystemExit(f"error: cannot open '{a.input}': no such file")
        if cv2.haveImageReader(a.input):
            image = cv2.imread(a.input, cv2.IMREAD_UNCHANGED)
            if image is not None:
                return image, None
        capture = cv2.VideoCapture(a.input)
        if not capture.isOpened():
            raise SystemExit(f"error: cannot open '{a.input}': not an image or a video OpenCV can decode")
        return None, capture
    capture = cv2.VideoCapture(a.camera)
    if not capture.isOpened():
        print(f"no camera {a.camera}; playing {FALLBACK_VIDEO} instead")
        capture = cv2.VideoCapture(FALLBACK_VIDEO)
        if not capture.isOpened():
            raise SystemExit(f"error: no camera {a.camera}, and cannot open {FALLBACK_VIDEO} (apt-get install opencv-doc)")
    return None, capture


def main(argv=None):
    a = _arguments(argv)
    precision = ("bf16" if aecv.has_bf16() else "f32") if a.precision == "auto" else a.precision
    try:
        aecv.set_precision(precision)  # before the model is set up
        denoiser = aecv.Denoiser(a.model)
        if a.strength is not None:
            denoiser.set_strength(a.strength)
    except cv2.error as e:
        print(f"error: {e.err}", file=sys.stderr)
        return 2
    image, capture = _open(a)
    show = not a.headless and bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    rng = np.random.default_rng(a.seed)
    writer, frames, seconds, psnr_in, psnr_out = None, 0, 0.0, 0.0, 0.0
    while True:
        if image is not None:
            frame = image
        else:
            ok, frame = capture.read()
            if not ok:
                break
        clean_frame = frame
        if a.add_noise > 0:
            frame = np.clip(frame + rng.normal(0.0, a.add_noise, frame.shape), 0, 255).astype(frame.dtype)
        start = time.perf_counter()
        out = denoiser.apply(frame)
        seconds += time.perf_counter() - start
        frames += 1
        if a.add_noise > 0:
            psnr_in += cv2.PSNR(clean_frame, frame)
            psnr_out += cv2.PSNR(clean_frame, out)
        picture = cv2.hconcat([frame, out]) if a.compare else out
        if a.output and image is not None:
            if not cv2.imwrite(a.output, picture):
                print(f"error: cannot write '{a.output}'", file=sys.stderr)
                return 1
            print(f"wrote {a.output}")
        elif a.output:
            if writer is None:
                fps = capture.get(cv2.CAP_PROP_FPS) or 25.0
                writer = cv2.VideoWriter(a.output, cv2.VideoWriter_fourcc(*"MJPG"), fps,
                                         (picture.shape[1], picture.shape[0]))
                if not writer.isOpened():
                    print(f"error: cannot write the video '{a.output}'", file=sys.stderr)
                    return 1
            writer.write(picture)
        if show:
            cv2.imshow("aecv denoise: input | output", cv2.hconcat([frame, out]))
            if cv2.waitKey(0 if image is not None else 1) in (27, ord("q")):
                break
        if image is not None or (a.frames and frames >= a.frames):
            break
    if frames == 0:
        print("error: the video has no frames", file=sys.stderr)
        return 1
    line = f"{frames} frame{'s' if frames != 1 else ''}, {frames / seconds:.1f} frames/s (filter only); " \
           f"noise level {denoiser.last_level:.2f} of 255 on the last"
    if a.add_noise > 0:
        line += f"; PSNR noisy {psnr_in / frames:.2f} dB, denoised {psnr_out / frames:.2f} dB"
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
