import { useCallback, useEffect, useMemo, useState } from 'react';
import { AppBar, Box, Button, Toolbar, Typography } from '@mui/material';
import { Api } from './api';
import { claims, finishPkceSignIn, signOut, storedToken, takeTokenFromUrl } from './auth';
import { SignIn } from './SignIn';
import { Monitor } from './Monitor';
import { JobPage } from './JobPage';

/** The route is the hash: "#/" the monitor (its view after "?"), "#/job/42" a job's page. */
function route(): { jobId?: number } {
  const m = /^#\/job\/(\d+)/.exec(window.location.hash);
  return m ? { jobId: Number(m[1]) } : {};
}

export function App() {
  const [token, setToken] = useState<string | null>(() => {
    takeTokenFromUrl();
    return storedToken();
  });
  const [signInError, setSignInError] = useState<string>();
  const [where, setWhere] = useState(route);

  useEffect(() => {
    finishPkceSignIn().then((done) => { if (done) setToken(storedToken()); })
      .catch((e: Error) => setSignInError(e.message));
    const onHash = () => {
      if (takeTokenFromUrl()) setToken(storedToken());
      setWhere(route());
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const leave = useCallback(() => { signOut(); setToken(null); }, []);
  const api = useMemo(() => (token ? new Api(token, () => {
    setSignInError('The service did not accept the token (expired?): sign in again.');
    leave();
  }) : null), [token, leave]);
  const who = token ? claims(token) : {};

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: '#f4f6f8' }}>
      <AppBar position="static" elevation={0}>
        <Toolbar variant="dense">
          <Typography variant="h6" sx={{ flexGrow: 1 }}>
            <a href="#/" style={{ color: 'inherit', textDecoration: 'none' }}>Jobstream monitor</a>
          </Typography>
          {token && (
            <>
              <Typography variant="body2" sx={{ mr: 2 }} data-testid="signed-in-as">
                {String(who.preferred_username ?? who.sub ?? 'signed in')}
                {who.dirac_group ? ` · ${String(who.dirac_group)}` : ''}
              </Typography>
              <Button color="inherit" size="small" onClick={leave}>Sign out</Button>
            </>
          )}
        </Toolbar>
      </AppBar>
      {!api && <SignIn error={signInError} onToken={setToken} />}
      {api && where.jobId === undefined && <Monitor api={api} />}
      {api && where.jobId !== undefined && <JobPage api={api} jobId={where.jobId} />}
    </Box>
  );
}
