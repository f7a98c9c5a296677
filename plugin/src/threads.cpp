// aecv: autoencoders for OpenCV.
#include <aecv/aecv.hpp>

#include <omp.h>
#include <opencv2/core.hpp>

namespace aecv {

const char* version() { return AECV_VERSION_STRING; }

void setNumThreads(int n) {
    const int threads = n > 0 ? n : omp_get_num_procs();
    omp_set_num_threads(threads);
    cv::setNumThreads(threads);
}

int getNumThreads() { return omp_get_max_threads(); }

}  // namespace aecv
