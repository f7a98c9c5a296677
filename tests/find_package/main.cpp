// aecv: autoencoders for OpenCV.
// Uses the installed package: the public header, OpenCV through aecv's target, the library.
#include <aecv/aecv.hpp>

#include <cstdio>
#include <cstring>
#include <opencv2/core.hpp>

int main() {
    aecv::setNumThreads(1);
    const cv::Mat m = cv::Mat::ones(2, 2, CV_32F);
    const bool ok = aecv::getNumThreads() == 1 && std::strcmp(aecv::version(), AECV_VERSION_STRING) == 0 &&
                    cv::sum(m)[0] == 4.0;
    std::printf("aecv %s, %d thread(s): %s\n", aecv::version(), aecv::getNumThreads(), ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
