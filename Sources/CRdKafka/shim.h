#ifndef NEWSINGEST_CRDKAFKA_SHIM_H
#define NEWSINGEST_CRDKAFKA_SHIM_H
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

// rd_kafka_producev takes variadic macro arguments, which Swift cannot call; this fixes the argument list.
// On success librdkafka owns `headers`; on failure the caller still does.
static inline rd_kafka_resp_err_t newsingest_produce(rd_kafka_t *rk, const char *topic, int32_t partition,
                                                     const void *key, size_t key_len, const void *value,
                                                     size_t value_len, rd_kafka_headers_t *headers,
                                                     void *opaque) {
    return rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
                             RD_KAFKA_V_KEY(key, key_len), RD_KAFKA_V_VALUE((void *)value, value_len),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(headers),
                             RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
}

// The mock's request-error injection is variadic too.
static inline void newsingest_mock_push_request_error(rd_kafka_mock_cluster_t *cluster, int16_t api_key,
                                                      size_t count, rd_kafka_resp_err_t error) {
    for (size_t i = 0; i < count; i++) {
        rd_kafka_mock_push_request_errors(cluster, api_key, 1, error);
    }
}
#endif
