// Resumable upload of an audio-video file with a progress bar (issue 13).
// It speaks tus 1.0.0 to the server's /api/v1/uploads/ (creation, HEAD for
// the offset, PATCH from there), remembers an unfinished upload in
// localStorage so a reload or a broken network resumes it, and then submits
// the form with the upload's id instead of the file. Without this script
// the form posts the file itself.
(function () {
  'use strict';
  var form = document.getElementById('av-form');
  if (!form || !window.XMLHttpRequest || !window.Promise || !window.localStorage) { return; }
  var input = form.querySelector('input[type=file][data-tus]');
  if (!input) { return; }
  var endpoint = input.getAttribute('data-tus');
  var box = form.querySelector('.upload-progress');
  var bar = document.getElementById('av-progress');
  var text = document.getElementById('av-progress-text');
  var CHUNK = 64 * 1024 * 1024;
  var busy = false;

  function request(method, url, headers, body, progress) {
    return new Promise(function (resolve, reject) {
      var x = new XMLHttpRequest();
      x.open(method, url);
      x.setRequestHeader('Tus-Resumable', '1.0.0');
      Object.keys(headers).forEach(function (k) { x.setRequestHeader(k, headers[k]); });
      if (progress && x.upload) { x.upload.onprogress = function (e) { progress(e.loaded); }; }
      x.onload = function () { resolve(x); };
      x.onerror = x.onabort = x.ontimeout = function () { reject(new Error('网络中断')); };
      x.send(body || null);
    });
  }

  function b64(s) { return btoa(unescape(encodeURIComponent(s))); }

  function show(done, total, note) {
    var pct = total ? Math.floor(done * 100 / total) : 100;
    bar.value = pct;
    text.textContent = pct + '%(' + (done / 1048576).toFixed(1) + ' / ' + (total / 1048576).toFixed(1) + ' MB)' + (note || '');
  }

  function wait(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  // offsetOf asks the server how much of url it has; -1 if it is gone.
  function offsetOf(url) {
    return request('HEAD', url, {}).then(function (x) {
      return x.status === 200 ? parseInt(x.getResponseHeader('Upload-Offset'), 10) : -1;
    });
  }

  function create(file) {
    var meta = 'filename ' + b64(file.name) + ',filetype ' + b64(file.type || 'application/octet-stream');
    return request('POST', endpoint, { 'Upload-Length': String(file.size), 'Upload-Metadata': meta }).then(function (x) {
      if (x.status !== 201) { throw new Error(message(x, '创建上传失败')); }
      return x.getResponseHeader('Location');
    });
  }

  function message(x, fallback) {
    try { return JSON.parse(x.responseText).message || fallback; } catch (e) { return fallback + '(' + x.status + ')'; }
  }

  function send(file, url, offset, tries) {
    if (offset >= file.size) { return Promise.resolve(url); }
    var end = Math.min(offset + CHUNK, file.size);
    return request('PATCH', url, { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
      file.slice(offset, end), function (n) { show(offset + n, file.size); })
      .then(function (x) {
        if (x.status !== 204) { throw new Error(message(x, '上传失败')); }
        return send(file, url, parseInt(x.getResponseHeader('Upload-Offset'), 10), 0);
      }, function () {
        if (tries >= 8) { throw new Error('网络多次中断,请稍后重新提交,已上传的部分会保留'); }
        var delay = Math.min(30000, 1000 * Math.pow(2, tries));
        show(offset, file.size, ',网络中断,' + delay / 1000 + ' 秒后续传…');
        return wait(delay).then(function () { return offsetOf(url); }).then(function (o) {
          if (o < 0) { throw new Error('上传已失效,请重新选择文件'); }
          return send(file, url, o, tries + 1);
        }, function () { return send(file, url, offset, tries + 1); });
      });
  }

  function upload(file) {
    var key = 'zhifa-tus:' + file.name + ':' + file.size + ':' + file.lastModified;
    var saved = localStorage.getItem(key);
    var start = saved ? offsetOf(saved).then(function (o) { return o < 0 ? null : [saved, o]; }, function () { return null; }) : Promise.resolve(null);
    return start.then(function (got) {
      if (got) { return got; }
      return create(file).then(function (url) { localStorage.setItem(key, url); return [url, 0]; });
    }).then(function (got) {
      show(got[1], file.size);
      return send(file, got[0], got[1], 0);
    }).then(function (url) {
      localStorage.removeItem(key);
      return url.split('/').pop();
    });
  }

  form.addEventListener('submit', function (ev) {
    var file = input.files && input.files[0];
    if (!file || busy) { if (busy) { ev.preventDefault(); } return; }
    ev.preventDefault();
    busy = true;
    box.hidden = false;
    upload(file).then(function (id) {
      form.querySelector('input[name=upload_id]').value = id;
      input.disabled = true; // the file is on the server: post the form without it
      text.textContent = '上传完成,正在登记…';
      form.submit();
    }, function (err) {
      busy = false;
      text.textContent = err.message;
    });
  });
}());
