-- Drives copydesk's language server from a real Neovim, as a user would:
-- open a file, wait for copydesk's diagnostics, apply the quick fix for a
-- doubled word, then the "Fix all copydesk issues" source action, and write
-- the file. Exits non-zero on any failure.
--
-- Written for Neovim 0.7 (Debian 12), whose API has vim.lsp.start_client
-- and vim.lsp.buf_attach_client (vim.lsp.start came in 0.8); it runs on
-- later versions too. Run it as:
--   COPYDESK_BIN=... COPYDESK_FILE=... nvim --headless --clean -u NONE -c 'luafile quickfix.lua'

local bin = assert(os.getenv('COPYDESK_BIN'), 'COPYDESK_BIN not set')
local file = assert(os.getenv('COPYDESK_FILE'), 'COPYDESK_FILE not set')

local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local function say(msg)
  io.stdout:write(msg .. '\n')
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local published = {}
  local client_id = vim.lsp.start_client({
    name = 'copydesk',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    init_options = { noVale = true },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        table.insert(published, result)
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
      end,
    },
  })
  if not client_id then
    return fail('vim.lsp.start_client returned nothing')
  end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function latest()
    return published[#published]
  end
  local function with_code(p, code)
    for _, d in ipairs(p and p.diagnostics or {}) do
      if d.code == code then
        return d
      end
    end
  end

  -- 1. the doubled word is reported
  local doubled
  if not vim.wait(30000, function()
    doubled = with_code(latest(), 'Copy.DoubledWord')
    return doubled ~= nil
  end, 20) then
    return fail('no Copy.DoubledWord diagnostic')
  end
  local client = vim.lsp.get_client_by_id(client_id)
  say('offset encoding: ' .. client.offset_encoding)

  -- Neovim turned the UTF-16 range into byte columns: they must land on
  -- the words, after the curly quotes and the emoji
  local vd
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'Copy.DoubledWord' then
      vd = d
    end
  end
  if not vd then
    return fail('vim.diagnostic has no Copy.DoubledWord')
  end
  local line = vim.api.nvim_buf_get_lines(bufnr, vd.lnum, vd.lnum + 1, false)[1]
  local flagged = line:sub(vd.col + 1, vd.end_col)
  if flagged ~= 'the the' then
    return fail('the diagnostic covers ' .. vim.inspect(flagged) .. ', not "the the"')
  end

  -- 2. the preferred quick fix for it
  local uri = vim.uri_from_bufnr(bufnr)
  local resp = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = doubled.range,
    context = { diagnostics = { doubled }, only = { 'quickfix' } },
  }, 10000, bufnr)
  if not resp or resp.err then
    return fail('codeAction: ' .. vim.inspect(resp))
  end
  local fix
  for _, a in ipairs(resp.result or {}) do
    if a.isPreferred and a.kind == 'quickfix' and a.edit then
      fix = a
    end
  end
  if not fix then
    return fail('no preferred quick fix: ' .. vim.inspect(resp.result))
  end
  say('applying: ' .. fix.title)
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)

  -- the server hears the change and drops the finding
  if not vim.wait(10000, function()
    local p = latest()
    return p.version == vim.lsp.util.buf_versions[bufnr] and with_code(p, 'Copy.DoubledWord') == nil
  end, 20) then
    return fail('Copy.DoubledWord still reported after the fix')
  end

  -- 3. fix all the rest
  resp = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = { diagnostics = {}, only = { 'source.fixAll' } },
  }, 10000, bufnr)
  if not resp or resp.err or not resp.result or #resp.result ~= 1 then
    return fail('fix-all: ' .. vim.inspect(resp))
  end
  say('applying: ' .. resp.result[1].title)
  vim.lsp.util.apply_workspace_edit(resp.result[1].edit, client.offset_encoding)
  vim.cmd('write')

  if not vim.wait(10000, function()
    local p = latest()
    return p.version == vim.lsp.util.buf_versions[bufnr] and #p.diagnostics == 0
  end, 20) then
    return fail('findings left after fix-all: ' .. vim.inspect(latest()))
  end

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 20)
  say('ok')
  vim.cmd('qall!')
end

local ok, err = pcall(run)
if not ok then
  fail(tostring(err))
end
