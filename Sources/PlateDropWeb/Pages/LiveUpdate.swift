/// The pages' inline script: every few seconds it asks the JSON API (the page's `data-poll` URLs) whether
/// anything changed, and when it did (or on its first look) fetches the page again and swaps in its content
/// where it differs, so a plate fills in without a reload and the pages are drawn by one definition only
/// (the server's). The heartbeat alone changes every two seconds and is left out of the comparison; a failed
/// round (the daemon restarting) is simply tried again.
enum LiveUpdate {
    static let script = """
        (function () {
          var main = document.getElementById('live');
          var sources = main.getAttribute('data-poll').split(' ');
          var last = null;
          function poll() {
            Promise.all(sources.map(function (url) {
              return fetch(url, {cache: 'no-store'}).then(function (answer) { return answer.text(); });
            })).then(function (answers) {
              var state = answers.join('\\n').replace(/"heartbeatAt" *: *[-0-9.eE+]+/, '');
              if (state === last) { return null; }
              last = state;
              return fetch(location.href, {cache: 'no-store'}).then(function (answer) { return answer.text(); });
            }).then(function (page) {
              if (page === null) { return; }
              var fresh = new DOMParser().parseFromString(page, 'text/html').getElementById('live');
              if (fresh && fresh.innerHTML !== main.innerHTML) { main.innerHTML = fresh.innerHTML; }
            }).catch(function () {}).then(function () { setTimeout(poll, 3000); });
          }
          setTimeout(poll, 3000);
        })();
        """
}
