// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ndarray.hpp"

#include <vector>

namespace aecv::python {

namespace {

std::string shapeText(const py::array& a) {
    std::string s = "(";
    for (py::ssize_t i = 0; i < a.ndim(); ++i)
        s += (i ? ", " : "") + std::to_string(a.shape(i));
    return s + (a.ndim() == 1 ? ",)" : ")");
}

std::string dtypeName(const py::array& a) { return py::str(a.dtype()).cast<std::string>(); }

int depthOf(const py::array& a) {
    if (a.dtype().is(py::dtype::of<uint8_t>())) return CV_8U;
    if (a.dtype().is(py::dtype::of<float>())) return CV_32F;
    return -1;
}

py::array asArray(const py::handle& obj, const char* what, const char* expected) {
    if (!py::isinstance<py::array>(obj))
        throw py::type_error(std::string(what) + ": got " + describe(obj) + "; expected " + expected);
    return py::reinterpret_borrow<py::array>(obj);
}

py::array packed(const py::array& a) {
    return py::module_::import("numpy").attr("ascontiguousarray")(a).cast<py::array>();
}

}  // namespace

std::string describe(const py::handle& obj) {
    if (py::isinstance<py::array>(obj)) {
        const auto a = py::reinterpret_borrow<py::array>(obj);
        return "a " + dtypeName(a) + " array of shape " + shapeText(a);
    }
    return "a " + py::str(py::type::handle_of(obj).attr("__name__")).cast<std::string>();
}

cv::Mat imageArg(const py::handle& obj, const char* what, py::object& keep) {
    static constexpr const char* kImage = "a uint8 or float32 numpy array of shape HxW, HxWx1, HxWx3 or HxWx4";
    py::array a = asArray(obj, what, kImage);
    const int depth = depthOf(a);
    if (depth < 0)
        throw py::type_error(std::string(what) + ": the image is " + describe(a) + "; expected " + kImage);
    const py::ssize_t channels = a.ndim() == 3 ? a.shape(2) : 1;
    if ((a.ndim() != 2 && a.ndim() != 3) || (channels != 1 && channels != 3 && channels != 4))
        throw py::value_error(std::string(what) + ": the image is " + describe(a) + "; expected " + kImage);
    const py::ssize_t item = a.itemsize();
    const bool pixelsPacked = (a.ndim() == 2 || a.strides(2) == item) && a.strides(1) == channels * item &&
                              a.strides(0) >= a.shape(1) * channels * item && a.strides(0) % item == 0;
    if (!pixelsPacked) a = packed(a);  // a column slice or a transposed view: one copy
    keep = a;
    const int rows = static_cast<int>(a.shape(0)), cols = static_cast<int>(a.shape(1));
    if (rows == 0 || cols == 0) return cv::Mat();  // the C++ side names an empty image
    return cv::Mat(rows, cols, CV_MAKETYPE(depth, static_cast<int>(channels)), const_cast<void*>(a.data()),
                   static_cast<size_t>(a.strides(0)));
}

cv::Mat blobArg(const py::handle& obj, const char* what, py::object& keep) {
    static constexpr const char* kBlob = "a float32 numpy array of 2 or more dimensions ([N, D] or [N, C, H, W])";
    py::array a = asArray(obj, what, kBlob);
    if (depthOf(a) != CV_32F || a.ndim() < 2 || a.ndim() > 32)
        throw py::type_error(std::string(what) + ": got " + describe(a) + "; expected " + kBlob);
    if (!(a.flags() & py::array::c_style)) a = packed(a);
    keep = a;
    std::vector<int> sizes;
    for (py::ssize_t i = 0; i < a.ndim(); ++i) sizes.push_back(static_cast<int>(a.shape(i)));
    return cv::Mat(static_cast<int>(sizes.size()), sizes.data(), CV_32F, const_cast<void*>(a.data()));
}

py::array newImage(cv::Size size, int depth, int channels, bool channelAxis, cv::Mat& header) {
    const py::dtype dtype = depth == CV_8U ? py::dtype::of<uint8_t>() : py::dtype::of<float>();
    std::vector<py::ssize_t> shape{size.height, size.width};
    if (channels > 1 || channelAxis) shape.push_back(channels);
    py::array out(dtype, shape);
    header = cv::Mat(size, CV_MAKETYPE(depth, channels), out.mutable_data());
    return out;
}

cv::Mat outputArg(const py::handle& obj, const py::array& like, const char* what) {
    const std::string expected = "a writable " + dtypeName(like) + " array of shape " + shapeText(like);
    if (!py::isinstance<py::array>(obj))
        throw py::type_error(std::string(what) + ": dst is " + describe(obj) + "; expected " + expected);
    auto a = py::reinterpret_borrow<py::array>(obj);
    bool same = a.dtype().is(like.dtype()) && a.ndim() == like.ndim() && a.writeable();
    for (py::ssize_t i = 0; same && i < a.ndim(); ++i) same = a.shape(i) == like.shape(i);
    if (!same) throw py::value_error(std::string(what) + ": dst is " + describe(a) + "; expected " + expected);
    const py::ssize_t item = a.itemsize(), channels = a.ndim() == 3 ? a.shape(2) : 1;
    if ((a.ndim() == 3 && a.strides(2) != item) || a.strides(1) != channels * item || a.strides(0) % item != 0 ||
        a.strides(0) < a.shape(1) * channels * item)
        throw py::value_error(std::string(what) + ": dst's pixels are not packed (a slice or a transposed view); "
                              "give a C-contiguous array or leave dst out");
    const int depth = depthOf(a);
    return cv::Mat(static_cast<int>(a.shape(0)), static_cast<int>(a.shape(1)),
                   CV_MAKETYPE(depth, static_cast<int>(channels)), a.mutable_data(), static_cast<size_t>(a.strides(0)));
}

py::array toArray(const cv::Mat& m) {
    py::dtype dtype;
    switch (m.depth()) {
    case CV_8U: dtype = py::dtype::of<uint8_t>(); break;
    case CV_32S: dtype = py::dtype::of<int32_t>(); break;
    case CV_32F: dtype = py::dtype::of<float>(); break;
    case CV_64F: dtype = py::dtype::of<double>(); break;
    default: throw py::type_error("aecv: a result of type " + cv::typeToString(m.type()) + " has no numpy dtype here");
    }
    std::vector<py::ssize_t> shape, strides;
    if (m.dims <= 2) {
        shape = {m.rows, m.cols};
        strides = {static_cast<py::ssize_t>(m.step[0]), static_cast<py::ssize_t>(m.elemSize())};
        if (m.channels() > 1) {
            shape.push_back(m.channels());
            strides.push_back(static_cast<py::ssize_t>(m.elemSize1()));
        }
    } else {
        for (int i = 0; i < m.dims; ++i) {
            shape.push_back(m.size[i]);
            strides.push_back(static_cast<py::ssize_t>(m.step[i]));
        }
    }
    auto* owner = new cv::Mat(m);  // shares the buffer; freed with the array
    const py::capsule base(owner, [](void* p) { delete static_cast<cv::Mat*>(p); });
    return py::array(dtype, shape, strides, owner->data, base);
}

}  // namespace aecv::python
