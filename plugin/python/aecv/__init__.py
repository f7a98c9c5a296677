# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
"""aecv: learned image filters (denoising, watermark removal) and autoencoders for OpenCV.

Images are numpy arrays exactly as cv2 gives them (HxW, HxWx3 BGR, HxWx4; uint8 or float32 in
[0, 1]); results likewise. Errors from the C++ side are cv2.error with OpenCV's message.

    import cv2, aecv
    denoiser = aecv.Denoiser()                 # the shipped model
    clean = denoiser.apply(cv2.imread("noisy.png"))

aecv's layers live in libaecv, which links the system's shared OpenCV: they are visible to
cv2.dnn only when cv2 is that same OpenCV (Debian's python3-opencv), which importing aecv checks.
"""

import os as _os

import cv2 as _cv2
import numpy as _np

from . import _aecv

if _cv2.getBuildInformation() != _aecv.opencv_build_information():
    raise ImportError(
        f"aecv: the cv2 imported here ({getattr(_cv2, '__file__', '?')}, OpenCV {_cv2.__version__}) is not the "
        f"OpenCV aecv was built with (the system's shared libopencv {_aecv.opencv_version()}), so cv2.dnn would not "
        "see aecv's layers. Use the interpreter of Debian's python3-opencv (/usr/bin/python3), or remove pip's "
        "opencv-python from this environment.")

from ._aecv import (  # noqa: E402
    Autoencoder,
    Denoiser,
    Precision,
    Watermark,
    WatermarkRemover,
    add_watermark,
    default_model_path,
    estimate_noise_level,
    get_num_threads,
    get_precision,
    has_bf16,
    image_grid,
    layer_types,
    register_layers,
    set_num_threads,
    set_precision,
    unregister_layers,
)

__version__ = _aecv.version()

__all__ = [
    "Autoencoder", "Denoiser", "Precision", "Watermark", "WatermarkRemover", "add_watermark",
    "default_model_path", "estimate_noise_level", "get_num_threads", "get_precision", "has_bf16",
    "image_grid", "layer_types", "read_net", "register_layers", "set_num_threads", "set_precision",
    "unregister_layers", "__version__",
]


def read_net(model):
    """A cv2.dnn.Net for an aecv model: a path, or the file's bytes.

    Like aecv::readNet() in C++: every node, attribute, weight and shape is checked first (a bad
    file is a cv2.error naming the file, node and problem), aecv's layers are registered, and
    cv2.dnn's importer reads the model as aecv rewrites it. The result is an ordinary
    cv2.dnn.Net (setInput, forward, ...).
    """
    if isinstance(model, (bytes, bytearray, memoryview)):
        data = _aecv._checked_model_bytes(bytes(model))
    elif isinstance(model, (str, _os.PathLike)):
        data = _aecv._checked_model_file(_os.fspath(model))
    else:
        raise TypeError(f"read_net: got a {type(model).__name__}; expected a path (str or os.PathLike) or bytes")
    register_layers()
    return _cv2.dnn.readNetFromONNX(_np.frombuffer(data, dtype=_np.uint8))
