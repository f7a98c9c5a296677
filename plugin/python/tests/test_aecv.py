# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
"""The Python module against the C++ results, its errors, threads and cv2 interop."""

import os
import pathlib
import re
import subprocess
import sys
import threading

import cv2
import numpy as np
import pytest

import aecv
from conftest import OPENCV_DATA, SOURCE_DIR, headless_env

MODELS = SOURCE_DIR / "samples" / "models"


# --- the filters, equal to the C++ programs' results -------------------------------------------

def test_denoiser_equals_aecv_denoise(tmp_path, noisy, run_tool):
    cv2.imwrite(str(tmp_path / "noisy.png"), noisy)
    for extra, strength in (((), None), (("--strength", 10), 10.0)):
        run_tool("aecv-denoise", "--input", tmp_path / "noisy.png", "--output", tmp_path / "cpp.png",
                 "--precision", "f32", "--headless", *extra)
        expected = cv2.imread(str(tmp_path / "cpp.png"))
        denoiser = aecv.Denoiser()
        if strength is not None:
            denoiser.set_strength(strength)
        result = denoiser.apply(noisy)
        assert result.shape == noisy.shape and result.dtype == np.uint8
        assert np.array_equal(result, expected), f"strength {strength}: max diff {np.abs(result - expected.astype(int)).max()}"
        assert cv2.PSNR(result, noisy) < 40  # it did change the noisy picture


def test_remover_equals_aecv_unwatermark(tmp_path, photo, run_tool):
    mark = aecv.Watermark()
    mark.text, mark.center, mark.opacity, mark.scale = "SAMPLE", (80.0, 80.0), 0.5, 1.0
    marked = aecv.add_watermark(photo, mark)
    cv2.imwrite(str(tmp_path / "marked.png"), marked)
    run_tool("aecv-unwatermark", "--input", tmp_path / "marked.png", "--output", tmp_path / "cpp.png",
             "--precision", "f32", "--headless")
    result = aecv.WatermarkRemover().apply(marked)
    assert np.array_equal(result, cv2.imread(str(tmp_path / "cpp.png")))
    # On baboon's fur the detector's inpainter and its second opinion restore the mark differently,
    # so the shipped remover leaves it (metadata confirm_within): never worse than its input
    assert cv2.PSNR(result, photo) >= cv2.PSNR(marked, photo) - 0.1
    # On a smooth photo they agree, and the mark goes (measured 30.04 -> 42.99 dB)
    apple = cv2.imread("/usr/share/doc/opencv-doc/examples/data/apple.jpg")
    mark = aecv.Watermark()  # aecv-unwatermark --add-watermark's mark (README)
    mark.text, mark.center, mark.opacity, mark.scale, mark.angle = "(c) aecv 2026", (256.0, 256.0), 0.5, 1.2, 20.0
    mark.thickness = 3
    marked = aecv.add_watermark(apple, mark)
    assert cv2.PSNR(aecv.WatermarkRemover().apply(marked), apple) > cv2.PSNR(marked, apple) + 10


def test_remover_mask_and_inpaint_equal_the_cpp_tool(tmp_path, photo, run_tool):
    mark = aecv.Watermark()
    mark.text, mark.center, mark.opacity = "SAMPLE", (80.0, 80.0), 0.5
    marked = aecv.add_watermark(photo, mark)
    cv2.imwrite(str(tmp_path / "marked.png"), marked)
    remover = aecv.WatermarkRemover()
    assert remover.has_mask  # the shipped remover finds the marks (and its inpainter restores there)
    restored, found = remover.apply(marked, return_mask=True)
    assert found.shape == photo.shape[:2] and found.dtype == np.uint8
    assert np.array_equal(restored[found == 0], marked[found == 0])  # nothing changes where it found no mark
    nomask = aecv.WatermarkRemover(str(MODELS / "unwatermark-nomask.onnx"))  # its second opinion
    assert not nomask.has_mask
    with pytest.raises(cv2.error, match=re.escape("this model has no mask output")):
        nomask.apply(marked, return_mask=True)
    # inpaint: the caller's mask, the rest untouched; aecv-unwatermark --mask uses the shipped inpainter
    where = np.zeros(photo.shape[:2], np.uint8)
    where[20:60, 30:90] = 255
    painted = remover.inpaint(marked, where)
    assert np.array_equal(painted[where == 0], marked[where == 0])
    inpainter = aecv.WatermarkRemover(aecv.default_model_path("inpaint"))
    assert inpainter.takes_mask and not remover.takes_mask
    told = inpainter.inpaint(marked, where)
    assert np.array_equal(told[where == 0], marked[where == 0])
    with pytest.raises(cv2.error, match=re.escape("the model is an inpainter (it restores where it is told)")):
        inpainter.apply(marked)
    cv2.imwrite(str(tmp_path / "where.png"), where)
    run_tool("aecv-unwatermark", "--input", tmp_path / "marked.png", "--mask", tmp_path / "where.png",
             "--output", tmp_path / "given.png", "--precision", "f32", "--headless")
    assert np.array_equal(told, cv2.imread(str(tmp_path / "given.png")))
    with pytest.raises(cv2.error, match=re.escape("the mask is 10x10 CV_8UC1; expected CV_8UC1 or CV_32FC1 of the "
                                                  f"image's size, {photo.shape[1]}x{photo.shape[0]}")):
        remover.inpaint(marked, np.zeros((10, 10), np.uint8))
    remover.set_confirm_within(1.0)  # the shipped remover has a second opinion: any share in (0, 1]
    assert np.array_equal(remover.apply(marked, return_mask=True)[1] & found, found)  # restores at least as much
    with pytest.raises(cv2.error, match=re.escape("setConfirmWithin: 1.5; expected a share in (0, 1]")):
        remover.set_confirm_within(1.5)
    with pytest.raises(cv2.error, match=re.escape("setConfirmWithin: the model has no second opinion on its marks")):
        nomask.set_confirm_within(0.5)
    with pytest.raises(cv2.error, match=re.escape("setDetectScale: 0.2; expected a scale in [0.25, 1]")):
        remover.set_detect_scale(0.2)
    with pytest.raises(cv2.error, match=re.escape("setDetectScale: the model has no inpainter (metadata restore_with)")):
        nomask.set_detect_scale(0.5)
    remover.set_detect_scale(0.5)  # looks at half size, restores at full size: a mask of the photo's size
    half, half_found = remover.apply(marked, return_mask=True)
    assert half_found.shape == found.shape and half.shape == marked.shape
    assert np.array_equal(half[half_found == 0], marked[half_found == 0])  # left as it came where nothing was found
    remover.set_detect_scale(1.0)
    remover.set_detect_every(3)  # video: the next two calls try again only what this look restored
    _, looked = remover.apply(marked, return_mask=True)
    _, between = remover.apply(marked, return_mask=True)
    assert np.count_nonzero(looked) > 0
    assert not np.any(between & ~cv2.dilate(looked, np.ones((9, 9), np.uint8)))
    with pytest.raises(cv2.error, match=re.escape("setDetectEvery: 0; expected a number of frames from 1 to 30")):
        remover.set_detect_every(0)
    with pytest.raises(cv2.error, match=re.escape("setDetectEvery: the model has no inpainter (metadata restore_with)")):
        nomask.set_detect_every(3)
    remover.set_mask_ramp(0.1, 0.2)  # accepted (a maskless model does not use it)
    with pytest.raises(cv2.error, match=re.escape("setMaskRamp: 0.7..0.3; expected 0 <= low < high <= 1")):
        remover.set_mask_ramp(0.7, 0.3)


def test_vae_samples_equal_aecv_generate(tmp_path, run_tool):
    run_tool("aecv-generate", "--out", tmp_path, "--count", 16, "--columns", 4, "--scale", 2, "--seed", 5, "--headless")
    vae = aecv.Autoencoder(str(MODELS / "fashion_vae.onnx"))
    grid = aecv.image_grid(vae.sample(16, seed=5), 4, 2)
    assert np.array_equal(grid, cv2.imread(str(tmp_path / "samples.png"), cv2.IMREAD_UNCHANGED))


def test_python_m_aecv_denoise_equals_the_cpp_sample(tmp_path, noisy, run_tool):
    cv2.imwrite(str(tmp_path / "noisy.png"), noisy)
    run_tool("aecv-denoise", "--input", tmp_path / "noisy.png", "--output", tmp_path / "cpp.png", "--precision", "f32",
             "--headless")
    done = subprocess.run([sys.executable, "-m", "aecv.denoise", "--input", str(tmp_path / "noisy.png"),
                           "--output", str(tmp_path / "py.png"), "--precision", "f32", "--headless"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.search(r"1 frame, [0-9.]+ frames/s \(filter only\); noise level [0-9.]+ of 255", done.stdout)
    assert np.array_equal(cv2.imread(str(tmp_path / "py.png")), cv2.imread(str(tmp_path / "cpp.png")))


def test_python_m_aecv_denoise_errors(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "aecv.denoise", "--headless", *args],
                              capture_output=True, text=True, timeout=60)
    missing = run("--input", str(tmp_path / "nope.png"))
    assert missing.returncode == 1 and f"error: cannot open '{tmp_path / 'nope.png'}': no such file" in missing.stderr
    strong = run("--input", str(OPENCV_DATA / "baboon.jpg"), "--strength", "80")
    assert strong.returncode == 2
    assert "error: Denoiser::setStrength: 80; expected a noise sigma (of 255) from 0 to 75" in strong.stderr


# --- images as cv2 gives them ----------------------------------------------------------------

def test_image_layouts(noisy):
    denoiser = aecv.Denoiser()
    denoiser.set_strength(20)
    bgr = denoiser.apply(noisy)
    grey = cv2.cvtColor(noisy, cv2.COLOR_BGR2GRAY)
    assert denoiser.apply(grey).shape == grey.shape                      # HxW stays HxW
    assert denoiser.apply(grey[:, :, None]).shape == grey.shape + (1,)   # HxWx1 stays HxWx1
    bgra = cv2.cvtColor(noisy, cv2.COLOR_BGR2BGRA)
    bgra[:, :, 3] = np.arange(bgra.shape[1], dtype=np.uint8)[None, :]
    out = denoiser.apply(bgra)
    assert np.array_equal(out[:, :, 3], bgra[:, :, 3])                   # alpha passes through
    assert np.array_equal(out[:, :, :3], bgr)
    as_float = denoiser.apply(noisy.astype(np.float32) / 255)
    assert as_float.dtype == np.float32 and as_float.shape == noisy.shape
    assert np.abs(as_float * 255 - bgr).max() <= 1.0
    # A view whose pixels are not packed (every other column) gives the same as a packed copy.
    view = noisy[:, ::2]
    assert np.array_equal(denoiser.apply(view), denoiser.apply(np.ascontiguousarray(view)))
    # Rows with padding (a crop of a bigger array) are read in place.
    assert np.array_equal(denoiser.apply(noisy[8:72, 16:96]), denoiser.apply(noisy[8:72, 16:96].copy()))


def test_dst_is_written_in_place(noisy):
    denoiser = aecv.Denoiser()
    dst = np.zeros_like(noisy)
    returned = denoiser.apply(noisy, dst)
    assert returned is dst
    assert np.array_equal(dst, denoiser.apply(noisy))
    with pytest.raises(ValueError, match=r"dst is a uint8 array of shape \(4, 4, 3\); expected a writable uint8 "
                                         r"array of shape \(160, 160, 3\)"):
        denoiser.apply(noisy, np.zeros((4, 4, 3), np.uint8))


def test_bad_images_are_named():
    denoiser = aecv.Denoiser()
    accepted = "expected a uint8 or float32 numpy array of shape HxW, HxWx1, HxWx3 or HxWx4"
    with pytest.raises(TypeError, match=re.escape(f"Denoiser.apply: the image is a float64 array of shape (8, 8, 3); {accepted}")):
        denoiser.apply(np.zeros((8, 8, 3)))
    with pytest.raises(ValueError, match=re.escape(f"Denoiser.apply: the image is a uint8 array of shape (8, 8, 2); {accepted}")):
        denoiser.apply(np.zeros((8, 8, 2), np.uint8))
    with pytest.raises(TypeError, match=re.escape(f"Denoiser.apply: got a list; {accepted}")):
        denoiser.apply([[0, 1], [2, 3]])
    with pytest.raises(cv2.error, match="Denoiser::apply: the image is empty"):
        denoiser.apply(np.zeros((0, 8, 3), np.uint8))
    nan = np.zeros((8, 8, 3), np.float32)
    nan[2, 5, 1] = np.nan
    with pytest.raises(cv2.error, match=re.escape("the image has a NaN or infinite value at (5, 2)")):
        denoiser.apply(nan)


# --- errors are cv2.error, with OpenCV's message and attributes ------------------------------

def test_cv_exception_is_cv2_error(tmp_path):
    denoiser = aecv.Denoiser()
    with pytest.raises(cv2.error) as caught:
        denoiser.set_strength(80)
    e = caught.value
    assert e.err == "Denoiser::setStrength: 80; expected a noise sigma (of 255) from 0 to 75"
    assert e.code == cv2.Error.StsOutOfRange and e.func == "setStrength" and e.file.endswith("image_filter.cpp")
    assert f"({e.code}:One of the arguments' values is out of range) {e.err}" in str(e)
    assert denoiser.strength is None  # nothing changed
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"not a model")
    with pytest.raises(cv2.error, match=re.escape(str(junk))):
        aecv.Denoiser(str(junk))
    with pytest.raises(cv2.error, match="'watermark'; expected a 'denoise' model"):
        aecv.Denoiser(str(MODELS / "unwatermark.onnx"))
    with pytest.raises(ValueError, match="set_precision: 'f16'; expected 'f32', 'bf16' or an aecv.Precision"):
        aecv.set_precision("f16")


def test_strength_and_noise_level(photo):
    denoiser = aecv.Denoiser()
    assert denoiser.takes_noise_level and denoiser.strength is None
    denoiser.set_strength(0)
    assert np.array_equal(denoiser.apply(photo), photo)  # strength 0: the input
    assert denoiser.strength == 0.0 and denoiser.last_level == 0.0
    denoiser.set_auto_strength()
    rng = np.random.default_rng(3)
    noisy = np.clip(photo.astype(np.float32) + rng.normal(0, 15, photo.shape), 0, 255).astype(np.uint8)
    denoiser.apply(noisy)
    assert denoiser.last_level == pytest.approx(aecv.estimate_noise_level(noisy))
    assert 10 < aecv.estimate_noise_level(noisy) < 18


# --- cv2.dnn interop -------------------------------------------------------------------------

def test_read_net_is_a_cv2_net_equal_to_readNetFromONNX():
    path = str(MODELS / "denoise.onnx")
    aecv.register_layers()
    stock = cv2.dnn.readNetFromONNX(path)  # the raw file, through OpenCV's own importer
    ours = aecv.read_net(path)
    from_bytes = aecv.read_net(pathlib.Path(path).read_bytes())
    assert isinstance(ours, cv2.dnn.Net) and "aecv.Conv" in aecv.layer_types()
    blob = np.random.default_rng(1).random((1, 4, 64, 96), dtype=np.float32)
    outputs = []
    for net in (stock, ours, from_bytes):
        net.setInput(blob)
        outputs.append(net.forward())
    assert outputs[0].shape == (1, 3, 64, 96)
    assert np.array_equal(outputs[1], outputs[2])
    assert np.abs(outputs[0] - outputs[1]).max() < 1e-5


def test_read_net_errors(tmp_path):
    with pytest.raises(TypeError, match="read_net: got a int; expected a path"):
        aecv.read_net(3)
    with pytest.raises(cv2.error, match="model in memory"):
        aecv.read_net(b"\x08\x01garbage")
    with pytest.raises(cv2.error, match=re.escape(str(tmp_path / "missing.onnx"))):
        aecv.read_net(tmp_path / "missing.onnx")


def test_autoencoder(photo):
    vae = aecv.Autoencoder(str(MODELS / "fashion_vae.onnx"))
    assert not vae.empty() and vae.metadata("task") == "vae" and vae.input_shape == [1, 1, 28, 28]
    images = vae.sample(6, seed=2)
    assert images.shape == (6, 1, 28, 28) and images.dtype == np.float32
    assert np.array_equal(images, vae.sample(6, seed=2)) and not np.array_equal(images, vae.sample(6, seed=3))
    codes = vae.encode(images)
    assert codes.shape[0] == 6
    assert np.allclose(vae.decode(codes), vae.reconstruct(images), atol=1e-6)
    steps = vae.interpolate(codes[:1], codes[1:2], 5)
    assert steps.shape == (5, 1, 28, 28)
    assert np.allclose(steps[0], vae.decode(codes[:1])[0], atol=1e-6)
    net = aecv.read_net(str(MODELS / "fashion_vae.onnx"))  # the mean path, as cv2.dnn runs it
    net.setInput(images)
    assert np.abs(net.forward() - vae.reconstruct(images)).max() < 1e-5
    with pytest.raises(TypeError, match=re.escape("Autoencoder.encode: got a float64 array of shape (2, 1, 28, 28)")):
        vae.encode(np.zeros((2, 1, 28, 28)))
    with pytest.raises(cv2.error):
        vae.decode_grid(4)  # the fashion VAE's code is not 2-D
    shapes = aecv.Autoencoder(str(MODELS / "shapes_vae.onnx"))
    assert shapes.decode_grid(3).shape[0] == 9


def test_watermark():
    mark = aecv.Watermark.random((200, 100), 11)
    again = aecv.Watermark.random((200, 100), 11)
    assert (mark.text, mark.center, mark.opacity, mark.kind) == (again.text, again.center, again.opacity, again.kind)
    held = aecv.Watermark.random((200, 100), 11, held_out=True)
    assert held.font_file == "" or held.font_file in aecv.Watermark.font_files(held_out=True)
    assert not set(aecv.Watermark.font_files(held_out=True)) & set(aecv.Watermark.font_files())
    mark = aecv.Watermark()
    mark.text, mark.center, mark.opacity, mark.color = "aecv", (100.0, 50.0), 0.6, (0.0, 0.0, 1.0)
    image = np.full((100, 200, 3), 128, np.uint8)
    marked, alpha = aecv.add_watermark(image, mark, return_alpha=True)
    assert alpha.shape == (100, 200) and alpha.dtype == np.float32
    assert alpha.max() == pytest.approx(0.6)
    assert np.array_equal(marked[alpha == 0], image[alpha == 0])
    assert marked[alpha > 0.59][:, 2].min() > 200 and marked[alpha > 0.59][:, 0].max() < 60  # red
    assert np.array_equal(mark.alpha((200, 100)), alpha)
    with pytest.raises(TypeError, match=re.escape("Watermark.alpha: the size is a str; expected (width, height)")):
        mark.alpha("big")


# --- threads ---------------------------------------------------------------------------------

def test_threads_give_the_sequential_results(noisy, photo):
    images = [noisy, photo, cv2.flip(noisy, 1), cv2.flip(photo, 0)]
    denoiser = aecv.Denoiser()
    denoiser.set_strength(15)
    expected = [denoiser.apply(i) for i in images]
    results = [None] * len(images)

    def work(k, filt):
        for _ in range(3):
            results[k] = filt.apply(images[k])

    own = []
    for k in range(len(images)):  # one filter per thread, and one filter shared by two threads
        own.append(aecv.Denoiser() if k < 2 else denoiser)
        if k < 2:
            own[k].set_strength(15)
    threads = [threading.Thread(target=work, args=(k, own[k])) for k in range(len(images))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k in range(len(images)):
        assert np.array_equal(results[k], expected[k]), f"image {k}"


def test_the_gil_is_released_while_cpp_runs():
    denoiser = aecv.Denoiser()
    denoiser.set_strength(25)
    big = np.random.default_rng(0).integers(0, 256, (1024, 1024, 3), dtype=np.uint8)
    ticks, stop = [0], threading.Event()

    def count():
        while not stop.is_set():
            ticks[0] += 1

    counter = threading.Thread(target=count)
    counter.start()
    try:
        before = ticks[0]
        denoiser.apply(big)  # held the GIL, the counter could not move meanwhile
        during = ticks[0] - before
    finally:
        stop.set()
        counter.join()
    assert during > 10000, f"the counting thread ran {during} times while apply() ran"


# --- the package itself ----------------------------------------------------------------------

def test_version_and_settings():
    assert re.fullmatch(r"\d+\.\d+\.\d+", aecv.__version__)
    aecv.set_num_threads(1)
    assert aecv.get_num_threads() == 1
    aecv.set_num_threads(0)
    assert aecv.get_num_threads() == os.cpu_count()
    assert isinstance(aecv.has_bf16(), bool)
    if aecv.has_bf16():
        aecv.set_precision("bf16")
        assert aecv.get_precision() == aecv.Precision.BF16
    else:
        with pytest.raises(cv2.error, match="BF16"):
            aecv.set_precision(aecv.Precision.BF16)
    aecv.set_precision(aecv.Precision.F32)
    assert aecv.get_precision() == aecv.Precision.F32


def test_bf16_is_close_to_f32(noisy, photo):
    if not aecv.has_bf16():
        pytest.skip("this CPU has no AVX-512 BF16")
    f32 = aecv.Denoiser().apply(noisy)
    aecv.set_precision("bf16")
    bf16 = aecv.Denoiser().apply(noisy)
    assert abs(cv2.PSNR(bf16, photo) - cv2.PSNR(f32, photo)) < 0.1


def test_import_names_a_foreign_cv2(tmp_path):
    """An interpreter whose cv2 is another OpenCV (pip's wheel) is told so at import."""
    fake = tmp_path / "cv2.py"
    fake.write_text("__version__ = '4.10.0'\ndef getBuildInformation():\n    return 'opencv-python wheel'\n")
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = subprocess.run([sys.executable, "-c", "import aecv"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert f"ImportError: aecv: the cv2 imported here ({fake}, OpenCV 4.10.0) is not the OpenCV aecv was built with" in done.stderr


def test_readme_script_runs_headless():
    script = SOURCE_DIR / "samples" / "python" / "denoise_webcam.py"
    readme = (SOURCE_DIR / "README.md").read_text()
    # The README shows this very script, all but its licence lines.
    body = script.read_text().split("# SPDX-License-Identifier: Apache-2.0\n", 1)[-1]
    assert body.strip() in readme
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                          env=headless_env())
    assert done.returncode == 0, done.stderr
    assert re.search(r"768x576 frame: noise level [0-9.]+ of 255, [0-9.]+ dB from the input", done.stdout), done.stdout
