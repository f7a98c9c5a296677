// aecv: autoencoders for OpenCV.
#include "ops/dnnl_context.hpp"

namespace aecv::ops {

using tag = dnnl::memory::format_tag;
using dt = dnnl::memory::data_type;

dnnl::engine& cpuEngine() {
    static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

dnnl::stream& cpuStream() {
    thread_local dnnl::stream stream(cpuEngine());
    return stream;
}

dnnl::memory::dims toDims(const Shape& s) { return dnnl::memory::dims(s.begin(), s.end()); }

dnnl::memory::desc plainDesc(const Shape& s) {
    CV_Assert(s.size() >= 1 && s.size() <= 5);
    static const tag plain[] = {tag::a, tag::ab, tag::abc, tag::abcd, tag::abcde};
    return dnnl::memory::desc(toDims(s), dt::f32, plain[s.size() - 1]);
}

dnnl::memory::desc anyDesc(const Shape& s) { return dnnl::memory::desc(toDims(s), dt::f32, tag::any); }

dnnl::memory wrap(const cv::Mat& m) {
    return dnnl::memory(plainDesc(shapeOf(m)), cpuEngine(), const_cast<uchar*>(m.data));
}

}  // namespace aecv::ops
