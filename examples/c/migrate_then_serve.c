/* Migrates its database, then serves: the schema is current before the first request.
 * cc migrate_then_serve.c $(pkg-config --cflags --libs jetway)
 * DATABASE_URL (default jdbc:sqlite:app.db), SQL_DIR (default sql), PORT (default 8080). */
#include <jetway/jetway.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char* env_or(const char* name, const char* fallback) {
    const char* value = getenv(name);
    return value != NULL && *value != '\0' ? value : fallback;
}

int main(void) {
    char locations[4096];
    snprintf(locations, sizeof locations, "filesystem:%s", env_or("SQL_DIR", "sql"));
    const char* settings[] = {"url", env_or("DATABASE_URL", "jdbc:sqlite:app.db"), "locations", locations};
    jetway_options options;
    jetway_options_init(&options);
    options.settings = settings;
    options.setting_count = 2;
    jetway_result* result = NULL;
    jetway_engine* engine = jetway_engine_new(&options, &result);
    if (engine != NULL) result = jetway_run(engine, "migrate");
    const int ok = jetway_result_success(result);
    printf("%s\n", jetway_result_json(result));
    if (!ok) fprintf(stderr, "migration failed: %s\n", jetway_result_error_message(result));
    char version[64];
    snprintf(version, sizeof version, "schema version %s\n", jetway_result_target_version(result));
    jetway_result_free(result);
    jetway_engine_free(engine);
    if (!ok) return 1;

    int server = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(env_or("PORT", "8080")))};
    if (bind(server, (struct sockaddr*)&address, sizeof address) != 0 || listen(server, 16) != 0) return perror("listen"), 1;
    while (getenv("JETWAY_EXAMPLE_ONCE") == NULL) {
        int client = accept(server, NULL, NULL);
        dprintf(client, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n%s", version);
        close(client);
    }
    close(server);
    return 0;
}
