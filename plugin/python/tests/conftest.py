# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
"""Fixtures of the Python module's tests (run by CTest as `python_module`)."""

import os
import pathlib
import subprocess

import cv2
import numpy as np
import pytest

import aecv

SOURCE_DIR = pathlib.Path(os.environ.get("AECV_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[3]))
OPENCV_DATA = pathlib.Path("/usr/share/doc/opencv-doc/examples/data")


@pytest.fixture(autouse=True)
def _f32():
    """Every test starts in f32 (a test that switches precision cannot leak it)."""
    aecv.set_precision("f32")
    yield
    aecv.set_precision("f32")


@pytest.fixture(scope="session")
def photo():
    """A real photo (opencv-doc's baboon), 160x160 BGR uint8."""
    image = cv2.imread(str(OPENCV_DATA / "baboon.jpg"))
    assert image is not None, "opencv-doc's baboon.jpg is missing (apt-get install opencv-doc)"
    return np.ascontiguousarray(image[100:260, 200:360])


@pytest.fixture(scope="session")
def noisy(photo):
    rng = np.random.default_rng(7)
    return np.clip(photo + rng.normal(0, 20, photo.shape), 0, 255).astype(np.uint8)


def headless_env():
    """The environment without a display (as on CI), whatever the test runner has."""
    return {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}


def _tool(name):
    folder = os.environ.get("AECV_SAMPLES_DIR")
    if not folder:
        pytest.skip("the C++ samples are not built (AECV_SAMPLES_DIR unset)")
    return str(pathlib.Path(folder) / name)


@pytest.fixture(scope="session")
def run_tool():
    """run_tool("aecv-denoise", args...) -> CompletedProcess; fails the test on a non-zero exit."""
    def run(name, *args, check=True):
        done = subprocess.run([_tool(name), *map(str, args)], capture_output=True, text=True,
                              env=headless_env(), timeout=300)
        if check:
            assert done.returncode == 0, f"{name} {' '.join(map(str, args))}: exit {done.returncode}\n{done.stderr}"
        return done
    return run
