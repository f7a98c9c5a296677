// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
//
// aecv._aecv: the C++ API for Python, images as cv2 gives them (numpy arrays). Every call into
// C++ that computes runs without the GIL, so Python threads filter in parallel; each filter or
// autoencoder object serialises its own calls (one object used from two threads is safe, two
// objects run at once). A cv::Exception becomes cv2.error with the same message and attributes.
#include <mutex>
#include <optional>
#include <string>

#include <aecv/aecv.hpp>
#include <aecv/autoencoder.hpp>
#include <aecv/denoiser.hpp>
#include <aecv/watermark.hpp>
#include <pybind11/stl.h>

#include "model/model.hpp"
#include "model/split.hpp"
#include "ndarray.hpp"

namespace aecv::python {
namespace {

using namespace pybind11::literals;

// cv2.error(e.what()) with the attributes cv2 itself sets (code, err, func, file, line, msg).
void raiseCv2Error(const cv::Exception& e) {
    const py::object error = py::module_::import("cv2").attr("error");
    py::object instance = error(e.what());
    instance.attr("code") = e.code;
    instance.attr("err") = e.err;
    instance.attr("func") = e.func;
    instance.attr("file") = e.file;
    instance.attr("line") = e.line;
    instance.attr("msg") = e.msg;
    PyErr_SetObject(error.ptr(), instance.ptr());
}

// Denoiser and WatermarkRemover: apply(src, dst=None) returns an array shaped like src.
template <class Filter>
struct PyFilter {
    Filter filter;
    std::mutex mutex;
    const char* applyName;

    PyFilter(const std::optional<std::string>& path, const char* name)
        : filter(path ? Filter(*path) : Filter()), applyName(name) {}

    py::object apply(const py::handle& src, const py::object& dst) {
        return run(src, dst, [](Filter& f, const cv::Mat& in, cv::Mat& out) { f.apply(in, out); });
    }

    // `call(filter, in, out)` with the GIL released, writing into dst (or a new array shaped like src).
    template <class F>
    py::object run(const py::handle& src, const py::object& dst, F&& call) {
        py::object keep;
        const cv::Mat in = imageArg(src, applyName, keep);
        const auto srcArray = keep.cast<py::array>();
        cv::Mat out;
        py::object result;
        if (in.empty()) {  // the C++ error, "the image is empty"
            call(filter, in, out);
        } else if (dst.is_none()) {
            result = newImage(in.size(), in.depth(), in.channels(), srcArray.ndim() == 3, out);
        } else {
            out = outputArg(dst, srcArray, applyName);
            result = dst;
        }
        const uchar* written = out.data;
        {
            py::gil_scoped_release unlocked;
            std::lock_guard<std::mutex> lock(mutex);
            call(filter, in, out);
        }
        CV_Assert(out.data == written);  // the result went into the array, not a new buffer
        return result;
    }

    template <class F>
    auto locked(F&& f) {
        py::gil_scoped_release unlocked;
        std::lock_guard<std::mutex> lock(mutex);
        return f(filter);
    }
};

using PyDenoiser = PyFilter<Denoiser>;
using PyRemover = PyFilter<WatermarkRemover>;

struct PyAutoencoder {
    Autoencoder model;
    std::mutex mutex;

    template <class F>
    py::array run(F&& f) {
        cv::Mat result;
        {
            py::gil_scoped_release unlocked;
            std::lock_guard<std::mutex> lock(mutex);
            result = f(model);
        }
        return toArray(result);
    }
    py::array withBlob(const py::handle& blob, const char* what, cv::Mat (Autoencoder::*method)(cv::InputArray)) {
        py::object keep;
        const cv::Mat in = blobArg(blob, what, keep);
        return run([&](Autoencoder& a) { return (a.*method)(in); });
    }
};

cv::Size sizeArg(const py::handle& obj, const char* what) {
    try {
        const auto wh = obj.cast<std::pair<int, int>>();
        return {wh.first, wh.second};
    } catch (const py::cast_error&) {
        throw py::type_error(std::string(what) + ": the size is " + describe(obj) + "; expected (width, height)");
    }
}

Precision precisionArg(const py::handle& obj) {
    if (py::isinstance<Precision>(obj)) return obj.cast<Precision>();
    if (py::isinstance<py::str>(obj)) {
        const auto s = obj.cast<std::string>();
        if (s == "f32") return Precision::F32;
        if (s == "bf16") return Precision::BF16;
        throw py::value_error("set_precision: '" + s + "'; expected 'f32', 'bf16' or an aecv.Precision");
    }
    throw py::type_error("set_precision: got " + describe(obj) + "; expected 'f32', 'bf16' or an aecv.Precision");
}

void bindFilters(py::module_& m) {
    py::class_<PyDenoiser>(m, "Denoiser", R"doc(
Removes noise from images (aecv::Denoiser). Images are numpy arrays as cv2 gives them: HxW,
HxWx1, HxWx3 (BGR) or HxWx4 (BGRA, alpha passed through), uint8 or float32 in [0, 1]; the
result has the same shape and dtype. By default the noise level is estimated on every image.)doc")
        .def(py::init([](const std::optional<std::string>& model) {
                 return std::make_unique<PyDenoiser>(model, "Denoiser.apply");
             }),
             "model"_a = py::none(), "Loads `model` (an aecv file), or the shipped denoiser when None.")
        .def("read_model", [](PyDenoiser& d, const std::string& path) {
                 d.locked([&](Denoiser& f) { f.readModel(path); return 0; });
             }, "path"_a)
        .def("apply", &PyDenoiser::apply, "src"_a, "dst"_a = py::none(),
             "The denoised image, a new array (or `dst`, written in place: same shape and dtype as src).")
        .def("set_tile_size", [](PyDenoiser& d, int size) { d.locked([&](Denoiser& f) { f.setTileSize(size); return 0; }); },
             "size"_a)
        .def("set_strength", [](PyDenoiser& d, double sigma) {
                 d.locked([&](Denoiser& f) { f.setStrength(sigma); return 0; });
             }, "sigma"_a, "Removes noise of this sigma (of 255, 0..75; 0: output = input) instead of the estimated level.")
        .def("set_auto_strength", [](PyDenoiser& d) { d.locked([](Denoiser& f) { f.setAutoStrength(); return 0; }); },
             "Back to the level estimated on every image.")
        .def_property_readonly("strength", [](PyDenoiser& d) -> py::object {
                 const double s = d.locked([](Denoiser& f) { return f.strength(); });
                 if (s < 0) return py::none();
                 return py::float_(s);
             }, "The strength set, or None while it is estimated.")
        .def_property_readonly("last_level", [](PyDenoiser& d) { return d.locked([](Denoiser& f) { return f.lastLevel(); }); },
                               "The noise level (sigma of 255) the last apply() used.")
        .def_property_readonly("takes_noise_level", [](PyDenoiser& d) {
                 return d.locked([](Denoiser& f) { return f.takesNoiseLevel(); });
             });

    py::class_<PyRemover>(m, "WatermarkRemover", R"doc(
Removes visible watermarks (aecv::WatermarkRemover); same images as Denoiser.)doc")
        .def(py::init([](const std::optional<std::string>& model) {
                 return std::make_unique<PyRemover>(model, "WatermarkRemover.apply");
             }),
             "model"_a = py::none(), "Loads `model`, or the shipped watermark remover when None.")
        .def("read_model", [](PyRemover& r, const std::string& path) {
                 r.locked([&](WatermarkRemover& f) { f.readModel(path); return 0; });
             }, "path"_a)
        .def("apply", [](PyRemover& r, const py::handle& src, const py::object& dst, bool returnMask) -> py::object {
                 if (!returnMask) return r.apply(src, dst);
                 cv::Mat mask;
                 py::object out = r.run(src, dst, [&](WatermarkRemover& f, const cv::Mat& in, cv::Mat& o) {
                     f.apply(in, o, mask);
                 });
                 return py::make_tuple(out, toArray(mask));
             }, "src"_a, "dst"_a = py::none(), "return_mask"_a = false,
             "The image without its marks; with return_mask, (image, mask): the mask it found, uint8 0..255 "
             "(float32 0..1 for float images), HxW.")
        .def("inpaint", [](PyRemover& r, const py::handle& src, const py::handle& mask, const py::object& dst) {
                 py::object keepMask;
                 const cv::Mat where = imageArg(mask, "WatermarkRemover.inpaint", keepMask);
                 return r.run(src, dst, [&](WatermarkRemover& f, const cv::Mat& in, cv::Mat& o) { f.inpaint(in, where, o); });
             }, "src"_a, "mask"_a, "dst"_a = py::none(),
             "Restores exactly where `mask` (HxW uint8 0..255 or float32 0..1) says, as cv2.inpaint(src, mask, ...) "
             "does; elsewhere the image as it was.")
        .def_property_readonly("has_mask", [](PyRemover& r) {
                 return r.locked([](WatermarkRemover& f) { return f.hasMask(); });
             }, "Whether the model finds the marks itself (a mask output).")
        .def_property_readonly("takes_mask", [](PyRemover& r) {
                 return r.locked([](WatermarkRemover& f) { return f.takesMask(); });
             }, "Whether the model is an inpainter: it restores where inpaint()'s mask says and apply() refuses.")
        .def("set_mask_ramp", [](PyRemover& r, double low, double high) {
                 r.locked([&](WatermarkRemover& f) { f.setMaskRamp(low, high); return 0; });
             }, "low"_a, "high"_a,
             "How the model's alpha a becomes the weight of its restoration: clamp((a - low) / (high - low), 0, 1).")
        .def("set_confirm_within", [](PyRemover& r, double share) {
                 r.locked([&](WatermarkRemover& f) { f.setConfirmWithin(share); return 0; });
             }, "share"_a,
             "How far apart (a share in (0, 1] of the change) the inpainter's and the second opinion's restorations "
             "of a found mark may be for it to be restored: lower is safer, higher restores more (shipped: 0.4).")
        .def("set_detect_scale", [](PyRemover& r, double scale) {
                 r.locked([&](WatermarkRemover& f) { f.setDetectScale(scale); return 0; });
             }, "scale"_a,
             "The scale in [0.25, 1] a detector with an inpainter looks for the marks at (0.5: the detector at a "
             "quarter of its cost; the restoration stays at full size). Default: the model's, else 1.")
        .def("set_detect_every", [](PyRemover& r, int frames) {
                 r.locked([&](WatermarkRemover& f) { f.setDetectEvery(frames); return 0; });
             }, "frames"_a,
             "For the frames of a video: look for the marks on every `frames`-th call (1..30) and on the calls "
             "between try again only the marks the last look restored (each frame is still restored only where the "
             "two restorations agree on it; a cut or a pan looks again at once). Default 1: every call.")
        .def("set_tile_size", [](PyRemover& r, int size) {
                 r.locked([&](WatermarkRemover& f) { f.setTileSize(size); return 0; });
             }, "size"_a);

    m.def("estimate_noise_level", [](const py::handle& image) {
              py::object keep;
              const cv::Mat in = imageArg(image, "estimate_noise_level", keep);
              py::gil_scoped_release unlocked;
              return estimateNoiseLevel(in);
          }, "image"_a, "The noise sigma (of 255) of an image, as aecv::estimateNoiseLevel().");
}

void bindAutoencoder(py::module_& m) {
    py::class_<PyAutoencoder>(m, "Autoencoder", R"doc(
An aecv autoencoder model (aecv::Autoencoder). Blobs are float32 arrays as cv2.dnn uses them:
[N, D] for dense models, [N, C, H, W] for convolutional ones (cv2.dnn.blobFromImages).)doc")
        .def(py::init([](const std::optional<std::string>& path) {
                 auto a = std::make_unique<PyAutoencoder>();
                 if (path) a->model.readModel(*path);
                 return a;
             }), "path"_a = py::none())
        .def("read_model", [](PyAutoencoder& a, const std::string& path) {
                 py::gil_scoped_release unlocked;
                 std::lock_guard<std::mutex> lock(a.mutex);
                 a.model.readModel(path);
             }, "path"_a)
        .def("empty", [](PyAutoencoder& a) { return a.model.empty(); })
        .def("metadata", [](PyAutoencoder& a, const std::string& key) { return a.model.metadata(key); }, "key"_a,
             "A metadata entry ('task', 'code', 'recipe', ...); '' if absent.")
        .def_property_readonly("input_shape", [](PyAutoencoder& a) { return a.model.inputShape(); })
        .def("encode", [](PyAutoencoder& a, const py::handle& blob) {
                 return a.withBlob(blob, "Autoencoder.encode", &Autoencoder::encode);
             }, "blob"_a)
        .def("decode", [](PyAutoencoder& a, const py::handle& codes) {
                 return a.withBlob(codes, "Autoencoder.decode", &Autoencoder::decode);
             }, "codes"_a)
        .def("reconstruct", [](PyAutoencoder& a, const py::handle& blob) {
                 return a.withBlob(blob, "Autoencoder.reconstruct", &Autoencoder::reconstruct);
             }, "blob"_a)
        .def("sample", [](PyAutoencoder& a, int n, uint64_t seed) {
                 return a.run([&](Autoencoder& model) { return model.sample(n, seed); });
             }, "n"_a, "seed"_a = 0, "VAE only: n images decoded from codes drawn from N(0, I).")
        .def("interpolate", [](PyAutoencoder& a, const py::handle& codeA, const py::handle& codeB, int steps) {
                 py::object keepA, keepB;
                 const cv::Mat ca = blobArg(codeA, "Autoencoder.interpolate", keepA);
                 const cv::Mat cb = blobArg(codeB, "Autoencoder.interpolate", keepB);
                 return a.run([&](Autoencoder& model) { return model.interpolate(ca, cb, steps); });
             }, "code_a"_a, "code_b"_a, "steps"_a)
        .def("decode_grid", [](PyAutoencoder& a, int side, double range) {
                 return a.run([&](Autoencoder& model) { return model.decodeGrid(side, range); });
             }, "side"_a, "range"_a = 2.5);

    m.def("image_grid", [](const py::handle& blob, int columns, int scale) {
              py::object keep;
              const cv::Mat in = blobArg(blob, "image_grid", keep);
              return toArray(imageGrid(in, columns, scale));
          }, "blob"_a, "columns"_a, "scale"_a = 1, "A batch [N, C, H, W] in [0, 1] tiled into one uint8 picture.");
}

void bindWatermark(py::module_& m) {
    py::class_<Watermark> mark(m, "Watermark", R"doc(
A visible watermark (aecv::Watermark): text (Hershey or a font file), a symbol or a simple logo,
plain, outlined, shadowed or embossed, single or tiled, alpha-blended into an image.
`center` is (x, y) in pixels, `color` (b, g, r) in [0, 1], `opacity` in (0, 1].)doc");
    py::enum_<Watermark::Kind>(mark, "Kind")
        .value("TEXT", Watermark::Kind::Text)
        .value("RING", Watermark::Kind::Ring)
        .value("DISC", Watermark::Kind::Disc)
        .value("BOX", Watermark::Kind::Box)
        .value("CROSS", Watermark::Kind::Cross);
    py::enum_<Watermark::Style>(mark, "Style")
        .value("PLAIN", Watermark::Style::Plain)
        .value("OUTLINE", Watermark::Style::Outline)
        .value("SHADOW", Watermark::Style::Shadow)
        .value("EMBOSS", Watermark::Style::Emboss);
    mark.def(py::init<>())
        .def_readwrite("kind", &Watermark::kind)
        .def_readwrite("text", &Watermark::text)
        .def_readwrite("font", &Watermark::font, "a cv2.FONT_HERSHEY_* font, optionally | cv2.FONT_ITALIC")
        .def_readwrite("font_file", &Watermark::fontFile, "a TrueType / OpenType file (freetype); '' for `font`")
        .def_readwrite("style", &Watermark::style)
        .def_readwrite("tiled", &Watermark::tiled, "repeated over the whole image on a grid turned by `angle`")
        .def_readwrite("spacing", &Watermark::spacing, "tiled: grid pitch in mark sizes")
        .def_readwrite("scale", &Watermark::scale)
        .def_readwrite("angle", &Watermark::angle, "degrees, counter-clockwise")
        .def_readwrite("radius", &Watermark::radius)
        .def_readwrite("thickness", &Watermark::thickness)
        .def_property("center", [](const Watermark& w) { return std::make_pair(w.center.x, w.center.y); },
                      [](Watermark& w, std::pair<float, float> c) { w.center = {c.first, c.second}; })
        .def_readwrite("opacity", &Watermark::opacity)
        .def_property("color", [](const Watermark& w) { return py::make_tuple(w.color[0], w.color[1], w.color[2]); },
                      [](Watermark& w, std::tuple<double, double, double> c) {
                          w.color = cv::Scalar(std::get<0>(c), std::get<1>(c), std::get<2>(c));
                      })
        .def_static("random", [](const py::handle& size, uint64_t seed, bool heldOut) {
                        cv::RNG rng(seed);
                        return Watermark::random(sizeArg(size, "Watermark.random"), rng,
                                                 heldOut ? Watermark::Set::HeldOut : Watermark::Set::Training);
                    }, "size"_a, "seed"_a, "held_out"_a = false,
                    "A random mark for an image of size (width, height), as aecv's models train on (held_out: from "
                    "the fonts and words kept out of training).")
        .def_static("font_files", [](bool heldOut) {
                        return Watermark::fontFiles(heldOut ? Watermark::Set::HeldOut : Watermark::Set::Training);
                    }, "held_out"_a = false, "The installed font files random() draws from.")
        .def("alpha", [](const Watermark& w, const py::handle& size) {
                 return toArray(w.alpha(sizeArg(size, "Watermark.alpha")));
             }, "size"_a, "The mark's per-pixel alpha on an image of size (width, height): float32 HxW.")
        .def("__repr__", [](const Watermark& w) {
                 return cv::format("aecv.Watermark(kind=%d, text='%s', center=(%g, %g), opacity=%g)",
                                   static_cast<int>(w.kind), w.text.c_str(), w.center.x, w.center.y, w.opacity);
             });

    m.def("add_watermark", [](const py::handle& image, const Watermark& w, bool returnAlpha) -> py::object {
              py::object keep;
              const cv::Mat in = imageArg(image, "add_watermark", keep);
              cv::Mat marked, alpha;
              {
                  py::gil_scoped_release unlocked;
                  addWatermark(in, marked, w, returnAlpha ? cv::_OutputArray(alpha) : cv::_OutputArray(cv::noArray()));
              }
              py::array out = toArray(marked);
              if (keep.cast<py::array>().ndim() == 3 && marked.channels() == 1)
                  out = out.reshape({out.shape(0), out.shape(1), py::ssize_t{1}});
              if (!returnAlpha) return std::move(out);
              return py::make_tuple(out, toArray(alpha));
          }, "image"_a, "mark"_a, "return_alpha"_a = false,
          "The image with `mark` blended in (same shape and dtype); with return_alpha, (image, alpha).");
}

}  // namespace
}  // namespace aecv::python

PYBIND11_MODULE(_aecv, m) {
    using namespace aecv;
    using namespace aecv::python;
    using namespace pybind11::literals;
    m.doc() = "aecv's C++ API (use the `aecv` package, which checks cv2 first)";
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const cv::Exception& e) {
            raiseCv2Error(e);
        }
    });

    m.def("version", &aecv::version);
    m.def("opencv_version", [] { return std::string(CV_VERSION); });
    m.def("opencv_build_information", [] { return cv::getBuildInformation(); });
    m.def("register_layers", &aecv::registerLayers,
          "Registers aecv's layers with OpenCV's dnn: afterwards cv2.dnn.readNetFromONNX() loads aecv models.");
    m.def("unregister_layers", &aecv::unregisterLayers);
    m.def("layer_types", &aecv::layerTypes);
    m.def("set_num_threads", &aecv::setNumThreads, "n"_a, "Threads for oneDNN and OpenCV (n <= 0: one per core).");
    m.def("get_num_threads", &aecv::getNumThreads);
    py::enum_<Precision>(m, "Precision").value("F32", Precision::F32).value("BF16", Precision::BF16);
    m.def("set_precision", [](const py::handle& p) { setPrecision(precisionArg(p)); }, "precision"_a,
          "'f32' or 'bf16' (AVX-512 BF16 CPUs): for filters and Nets set up afterwards.");
    m.def("get_precision", &aecv::getPrecision);
    m.def("has_bf16", &aecv::hasBf16);
    m.def("default_model_path", &aecv::defaultModelPath, "task"_a);
    // The model as aecv rewrites it for OpenCV's importer, after every check of aecv::readNet.
    m.def("_checked_model_file", [](const std::string& path) {
        return py::bytes(model::toOnnxBytes(model::readOnnx(path)));
    });
    m.def("_checked_model_bytes", [](const py::bytes& data) {
        return py::bytes(model::toOnnxBytes(model::parseOnnx(std::string(data), "model in memory")));
    });
    bindFilters(m);
    bindAutoencoder(m);
    bindWatermark(m);
}
